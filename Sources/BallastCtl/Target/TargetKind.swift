/// A kind of object Ballast remediates, with the names kubectl accepts for it.
public struct TargetKind: Sendable, Hashable {
    /// The canonical kind, e.g. `Deployment`.
    public var kind: String
    /// Its `group/version`, e.g. `apps/v1`.
    public var apiVersion: String
    /// Whether objects of this kind live in a namespace.
    public var namespaced: Bool
    /// Lower-case names kubectl accepts: singular, plural and short names.
    public var aliases: [String]

    /// The kinds the action catalog acts on (api.md, "Actions").
    public static let all: [TargetKind] = [
        TargetKind(kind: "Deployment", apiVersion: "apps/v1", namespaced: true, aliases: ["deployment", "deployments", "deploy"]),
        TargetKind(kind: "StatefulSet", apiVersion: "apps/v1", namespaced: true, aliases: ["statefulset", "statefulsets", "sts"]),
        TargetKind(kind: "DaemonSet", apiVersion: "apps/v1", namespaced: true, aliases: ["daemonset", "daemonsets", "ds"]),
        TargetKind(kind: "Pod", apiVersion: "v1", namespaced: true, aliases: ["pod", "pods", "po"]),
        TargetKind(kind: "Node", apiVersion: "v1", namespaced: false, aliases: ["node", "nodes", "no"]),
        TargetKind(kind: "PersistentVolumeClaim", apiVersion: "v1", namespaced: true, aliases: ["persistentvolumeclaim", "persistentvolumeclaims", "pvc"]),
        TargetKind(
            kind: "HorizontalPodAutoscaler", apiVersion: "autoscaling/v2beta2", namespaced: true,
            aliases: ["horizontalpodautoscaler", "horizontalpodautoscalers", "hpa"]),
    ]

    /// The kind named by `text` (case-insensitive; `deployment.apps` style group suffixes
    /// accepted), or `nil`.
    public static func named(_ text: String) -> TargetKind? {
        let lowered = text.lowercased()
        let bare = lowered.split(separator: ".", maxSplits: 1).first.map(String.init) ?? lowered
        return all.first { $0.aliases.contains(bare) || $0.kind.lowercased() == bare }
    }
}
