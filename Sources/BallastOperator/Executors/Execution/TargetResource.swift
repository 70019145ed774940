import KubeTypes

/// Maps a target's kind to the resource the executors read and patch.
enum TargetResource {
    /// The resources executors act on, by kind.
    static let byKind: [String: ResourceDescriptor] = Dictionary(
        uniqueKeysWithValues: [
            ResourceDescriptor.deployments, .statefulSets, .daemonSets, .replicaSets, .pods, .nodes,
            .horizontalPodAutoscalers, .persistentVolumeClaims,
        ].map { ($0.kind, $0) })

    /// The resource of `kind`, or `nil` for a kind no executor acts on.
    static func of(kind: String) -> ResourceDescriptor? { byKind[kind] }
}
