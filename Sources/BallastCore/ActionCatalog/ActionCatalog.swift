import BallastAPI

/// The fixed catalog of actions (api.md, "Actions"): one ``ActionSpec`` per ``ActionName``.
///
/// The switch in ``spec(for:)`` is exhaustive, so adding an action to the API without describing
/// it here does not compile.
public enum ActionCatalog {
    /// Every action's spec, in ``ActionName`` declaration order.
    public static let all: [ActionSpec] = ActionName.allCases.map(build)

    private static let byName: [ActionName: ActionSpec] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The actions that can change the cluster (a constant-time lookup for hot paths).
    public static let mutating: Set<ActionName> = Set(all.filter(\.mutating).map(\.name))

    /// Actions allowed when a policy has no `spec.actions` allow-list: every action below
    /// ``RiskLevel/high``. High-risk actions (rollback, drain, volume growth) must be listed.
    public static let defaultAllowed: Set<ActionName> = Set(all.filter { $0.risk < .high }.map(\.name))

    /// The union of every action's RBAC needs, deduplicated and sorted (feeds the ClusterRole).
    public static var rbacRules: [RBACRule] { Array(Set(all.flatMap(\.rbac))).sorted() }

    /// The spec of `name` (built once; a constant-time lookup).
    public static func spec(for name: ActionName) -> ActionSpec {
        byName[name] ?? build(name)
    }

    /// Builds the spec of `name`; exhaustive, so every API action must be described here.
    private static func build(_ name: ActionName) -> ActionSpec {
        switch name {
        case .scaleDeployment: return scale(name, kind: "Deployment", resource: "deployments")
        case .scaleStatefulSet: return scale(name, kind: "StatefulSet", resource: "statefulsets")
        case .restartDeployment: return restart(name, kind: "Deployment", resource: "deployments")
        case .restartStatefulSet: return restart(name, kind: "StatefulSet", resource: "statefulsets")
        case .restartDaemonSet: return restart(name, kind: "DaemonSet", resource: "daemonsets")
        case .rollbackDeployment: return rollbackDeployment
        case .increaseResources: return increaseResources
        case .deletePod: return deletePod
        case .updateHPA: return updateHPA
        case .cordonNode: return node(name, risk: .medium, summary: "Mark the node unschedulable.")
        case .uncordonNode: return node(name, risk: .low, summary: "Mark the node schedulable again.")
        case .drainNode: return drainNode
        case .expandPVC: return expandPVC
        case .collectDiagnostics: return collectDiagnostics
        case .notifyOnly: return notice(name, parameter: "message", summary: "Record an Event for people; change nothing.")
        case .escalate: return notice(name, parameter: "reason", summary: "Hand the problem to a person; change nothing.")
        }
    }

    static let replicas: ParameterType = .integer(0...1000)
    static let seconds: ParameterType = .integer(0...3600)
    static let growthFactor: ParameterType = .number(1.0...4.0)

    private static func scale(_ name: ActionName, kind: String, resource: String) -> ActionSpec {
        ActionSpec(
            name: name, targetKinds: [kind], mutating: true, risk: .medium,
            parameters: [ParameterSpec("replicas", replicas, required: true, summary: "Desired replica count (absolute).")],
            limits: [
                LimitSpec("maxReplicas", replicas, .maximum(parameters: ["replicas"])),
                LimitSpec("minReplicas", replicas, .minimum(parameters: ["replicas"])),
                LimitSpec("maxStep", replicas, .maxStep(parameter: "replicas", observedKey: "replicas")),
            ],
            rbac: [RBACRule(apiGroups: ["apps"], resources: [resource, "\(resource)/scale"], verbs: ["get", "patch"])],
            summary: "Set the \(kind)'s replica count.")
    }

    private static func restart(_ name: ActionName, kind: String, resource: String) -> ActionSpec {
        ActionSpec(
            name: name, targetKinds: [kind], mutating: true, risk: .low,
            rbac: [RBACRule(apiGroups: ["apps"], resources: [resource], verbs: ["get", "patch"])],
            summary: "Rolling restart of the \(kind) (pod-template annotation set to the action id).")
    }

    private static let rollbackDeployment = ActionSpec(
        name: .rollbackDeployment, targetKinds: ["Deployment"], mutating: true, risk: .high,
        parameters: [ParameterSpec("toRevision", .integer(1...1_000_000), summary: "Revision to return to; default the previous one.")],
        rbac: [
            RBACRule(apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "patch"]),
            RBACRule(apiGroups: ["apps"], resources: ["replicasets"], verbs: ["get", "list"]),
        ],
        summary: "Roll the Deployment back to an earlier ReplicaSet revision, as kubectl rollout undo.")

    private static let increaseResources = ActionSpec(
        name: .increaseResources, targetKinds: ["Deployment", "StatefulSet", "DaemonSet"], mutating: true,
        risk: .medium,
        parameters: [
            ParameterSpec("container", .string(maxLength: 253), required: true, summary: "Container name."),
            ParameterSpec("resource", .oneOf(["memory", "cpu"]), summary: "Which resource `factor` raises."),
            ParameterSpec("factor", growthFactor, summary: "Multiply the current request and limit (> 1)."),
            ParameterSpec("memoryLimit", .quantity, summary: "New memory limit."),
            ParameterSpec("memoryRequest", .quantity, summary: "New memory request."),
            ParameterSpec("cpuLimit", .quantity, summary: "New CPU limit."),
            ParameterSpec("cpuRequest", .quantity, summary: "New CPU request."),
        ],
        limits: [
            LimitSpec("maxFactor", growthFactor, .maximum(parameters: ["factor"])),
            LimitSpec("maxMemory", .quantity, .maximum(parameters: ["memoryLimit", "memoryRequest"])),
            LimitSpec("maxCPU", .quantity, .maximum(parameters: ["cpuLimit", "cpuRequest"])),
        ],
        rbac: [RBACRule(apiGroups: ["apps"], resources: ["deployments", "statefulsets", "daemonsets"], verbs: ["get", "patch"])],
        summary: "Raise a container's requests/limits, by a factor or to a value, never lowering them.")

    private static let deletePod = ActionSpec(
        name: .deletePod, targetKinds: ["Pod"], mutating: true, risk: .low,
        parameters: [ParameterSpec("gracePeriodSeconds", seconds, summary: "Termination grace period.")],
        rbac: [
            RBACRule(apiGroups: [""], resources: ["pods"], verbs: ["get"]),
            RBACRule(apiGroups: [""], resources: ["pods/eviction"], verbs: ["create"]),
        ],
        summary: "Evict one pod through the Eviction API (respects PodDisruptionBudgets).")

    private static let updateHPA = ActionSpec(
        name: .updateHPA, targetKinds: ["HorizontalPodAutoscaler"], mutating: true, risk: .medium,
        parameters: [
            ParameterSpec("minReplicas", .integer(1...1000), summary: "New minReplicas."),
            ParameterSpec("maxReplicas", .integer(1...1000), summary: "New maxReplicas."),
        ],
        limits: [
            LimitSpec("maxReplicas", replicas, .maximum(parameters: ["minReplicas", "maxReplicas"])),
            LimitSpec("maxStep", replicas, .maxStep(parameter: "maxReplicas", observedKey: "maxReplicas")),
        ],
        rbac: [RBACRule(apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: ["get", "patch"])],
        summary: "Set the HPA's min/max replicas.")

    private static func node(_ name: ActionName, risk: RiskLevel, summary: String) -> ActionSpec {
        ActionSpec(
            name: name, targetKinds: ["Node"], mutating: true, risk: risk,
            rbac: [RBACRule(apiGroups: [""], resources: ["nodes"], verbs: ["get", "patch"])], summary: summary)
    }

    private static let drainNode = ActionSpec(
        name: .drainNode, targetKinds: ["Node"], mutating: true, risk: .high,
        parameters: [
            ParameterSpec("gracePeriodSeconds", seconds, summary: "Grace period per evicted pod."),
            ParameterSpec(
                "force", .boolean,
                summary: "Also evict pods no controller re-creates (no controller ownerReference), as kubectl drain --force; "
                    + "without it such pods refuse the whole drain (UnmanagedPods)."),
            ParameterSpec(
                "deleteEmptyDirData", .boolean,
                summary: "Also evict pods with emptyDir volumes (their data is lost), as kubectl drain --delete-emptydir-data; "
                    + "without it such pods refuse the whole drain (LocalData)."),
            ParameterSpec(
                "timeoutSeconds", .integer(1...3600),
                summary: "Wait at most this long for evicted pods to go; pods still present are named in the outcome."),
        ],
        limits: [LimitSpec("maxPods", .integer(1...10_000), .maxObjects)],
        rbac: [
            RBACRule(apiGroups: [""], resources: ["nodes"], verbs: ["get", "patch"]),
            RBACRule(apiGroups: [""], resources: ["pods"], verbs: ["get", "list"]),
            RBACRule(apiGroups: [""], resources: ["pods/eviction"], verbs: ["create"]),
        ],
        summary: "Cordon the node, then evict its pods (skips DaemonSet, mirror and terminating pods, respects PDBs; "
            + "refuses pods without a controller or with emptyDir data unless force / deleteEmptyDirData allow them).")

    private static let expandPVC = ActionSpec(
        name: .expandPVC, targetKinds: ["PersistentVolumeClaim"], mutating: true, risk: .high,
        parameters: [
            ParameterSpec("size", .quantity, summary: "New storage request (absolute)."),
            ParameterSpec("factor", growthFactor, summary: "Multiply the current request (> 1)."),
        ],
        limits: [
            LimitSpec("maxSize", .quantity, .maximum(parameters: ["size"])),
            LimitSpec("maxFactor", growthFactor, .maximum(parameters: ["factor"])),
        ],
        rbac: [
            RBACRule(apiGroups: [""], resources: ["persistentvolumeclaims"], verbs: ["get", "patch"]),
            RBACRule(apiGroups: ["storage.k8s.io"], resources: ["storageclasses"], verbs: ["get"]),
        ],
        summary: "Grow the claim's storage request when its StorageClass allows expansion (irreversible).")

    private static let collectDiagnostics = ActionSpec(
        name: .collectDiagnostics, targetKinds: ["*"], mutating: false, risk: .none,
        parameters: [
            ParameterSpec("logLines", .integer(1...1000), summary: "Log lines per container."),
            ParameterSpec("sinceSeconds", .integer(1...86_400), summary: "How far back events and logs go."),
        ],
        rbac: [
            RBACRule(apiGroups: [""], resources: ["pods", "events"], verbs: ["get", "list"]),
            RBACRule(apiGroups: [""], resources: ["pods/log"], verbs: ["get"]),
        ],
        summary: "Read events, container states and recent logs into status; change nothing.")

    private static func notice(_ name: ActionName, parameter: String, summary: String) -> ActionSpec {
        ActionSpec(
            name: name, targetKinds: ["*"], mutating: false, risk: .none,
            parameters: [ParameterSpec(parameter, .string(maxLength: 1024), summary: "Text for people.")],
            rbac: [RBACRule(apiGroups: [""], resources: ["events"], verbs: ["create", "patch"])],
            summary: summary)
    }
}
