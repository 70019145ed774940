import BallastAPI
import KubeTypes

/// Plans `drain_node` as `kubectl drain --ignore-daemonsets` does: cordon the node, then evict
/// every pod on it through the Eviction API (so PodDisruptionBudgets are honoured), except
/// DaemonSet pods (their controller would re-create them on the node at once), mirror pods
/// (static pods the API cannot remove) and pods already terminating.
///
/// Refuses the whole drain before changing anything (as `kubectl drain` does without its
/// flags) when it would evict a pod no controller re-creates (``RefusalReason/unmanagedPods``,
/// unless `force: true`) or a pod with `emptyDir` volumes whose data would be lost
/// (``RefusalReason/localData``, unless `deleteEmptyDirData: true`); finished pods (`Succeeded`
/// or `Failed`) are never held back for either. Refuses too when more pods would be evicted than
/// the policy's `maxPods`. Every refusal names the pods.
///
/// Re-running the same actionId continues an interrupted drain: the cordon is skipped when the
/// node is already unschedulable, and only pods still present are evicted.
enum DrainPlanner {
    /// The annotation the kubelet puts on mirror pods.
    static let mirrorAnnotation = "kubernetes.io/config.mirror"

    /// Why a pod on the node is left alone, or `nil` when it is evicted.
    static func skipReason(_ pod: Pod) -> String? {
        if pod.metadata.annotations?[mirrorAnnotation] != nil { return "mirror pod" }
        if pod.metadata.controllerReference?.kind == "DaemonSet" { return "DaemonSet pod" }
        if pod.metadata.deletionTimestamp != nil { return "already terminating" }
        return nil
    }

    /// What keeps the drain from evicting a pod unless a parameter allows it.
    enum Obstacle: CaseIterable, Sendable, Hashable {
        /// No controller ownerReference: nothing re-creates the pod (`kubectl drain --force`).
        case unmanaged
        /// An `emptyDir` volume: its data is lost (`kubectl drain --delete-emptydir-data`).
        case localData

        /// The boolean parameter that allows evicting such pods.
        var parameter: String {
            switch self {
            case .unmanaged: return "force"
            case .localData: return "deleteEmptyDirData"
            }
        }

        /// The refusal reason when the parameter does not allow it.
        var reason: RefusalReason {
            switch self {
            case .unmanaged: return .unmanagedPods
            case .localData: return .localData
            }
        }

        /// What the pods are, for the refusal message.
        var what: String {
            switch self {
            case .unmanaged: return "pods no controller re-creates"
            case .localData: return "pods whose emptyDir data would be lost"
            }
        }
    }

    /// The obstacles of a pod the drain would evict (see ``skipReason(_:)``); none for a pod
    /// that finished (`Succeeded` or `Failed`), which is removed either way.
    static func obstacles(_ pod: Pod) -> [Obstacle] {
        if ["Succeeded", "Failed"].contains(pod.status?.phase ?? "") { return [] }
        var found: [Obstacle] = []
        if pod.metadata.controllerReference == nil { found.append(.unmanaged) }
        if (pod.spec?.volumes ?? []).contains(where: { $0.emptyDir != nil }) { found.append(.localData) }
        return found
    }

    /// The refusal for the obstacles among `evictable` pods that the parameters do not allow,
    /// or `nil`. Its reason is the first such obstacle's (``Obstacle/allCases`` order); its
    /// message names every disallowed obstacle's pods and the parameter that would allow them.
    static func obstacleRefusal(_ input: PlanningInput, evictable: [Pod]) -> Refusal? {
        let refused = Obstacle.allCases.compactMap { obstacle -> (obstacle: Obstacle, pods: [String])? in
            guard input.parameters[obstacle.parameter]?.boolValue != true else { return nil }
            let pods = evictable.filter { obstacles($0).contains(obstacle) }.map { ObjectKey($0.metadata).description }
            return pods.isEmpty ? nil : (obstacle, pods)
        }
        guard let first = refused.first else { return nil }
        let details = refused.map { entry in
            "\(entry.pods.count) \(entry.obstacle.what) (\(entry.pods.joined(separator: ", "))); "
                + "set \(entry.obstacle.parameter): true to evict them"
        }
        return Refusal(first.obstacle.reason, "draining \(input.targetDescription) would evict " + details.joined(separator: "; and "))
    }

    /// - Parameters:
    ///   - input: The action input (target: the Node; optional `gracePeriodSeconds`, `force`,
    ///     `deleteEmptyDirData`; limit `maxPods`).
    ///   - pods: The pods bound to the node (`spec.nodeName`).
    static func plan(_ input: PlanningInput, pods: [Pod]) -> PlanDecision {
        let sorted = pods.sorted { ObjectKey($0.metadata) < ObjectKey($1.metadata) }
        let evictable = sorted.filter { skipReason($0) == nil }
        let skipped = sorted.compactMap { pod in skipReason(pod).map { "\(ObjectKey(pod.metadata)) (\($0))" } }
        if let refusal = obstacleRefusal(input, evictable: evictable) { return .refuse(refusal) }
        if let maxPods = input.limits["maxPods"]?.intValue, evictable.count > maxPods {
            return .refuse(Refusal(
                .tooManyPods, "draining \(input.targetDescription) would evict \(evictable.count) pods; the policy allows \(maxPods) (maxPods)"))
        }
        let cordoned = input.field(["spec", "unschedulable"])?.boolValue ?? false
        if cordoned, evictable.isEmpty {
            if let record = AppliedRecord.find(actionId: input.actionId, on: input.target) { return .alreadyApplied(record) }
            return .refuse(Refusal(.nothingToDo, "\(input.targetDescription) is cordoned and has no pods to evict"))
        }
        let grace = input.integer("gracePeriodSeconds")
        let evictions = evictable.map { pod in
            EvictionRequest(
                namespace: pod.metadata.namespace ?? "", name: pod.metadata.name ?? "", uid: pod.metadata.uid,
                gracePeriodSeconds: grace)
        }
        let evictionChanges = evictions.map(\.change)
        var operations = evictions.map(PlannedOperation.evict)
        var changes = evictionChanges
        if !cordoned {
            let cordon = CordonPlanner.cordonPlan(input, unschedulable: true, extraChanges: evictionChanges)
            operations = cordon.operations + operations
            changes = cordon.changes + changes
        }
        return .execute(ExecutionPlan(
            operations: operations, changes: changes,
            before: [
                "unschedulable": .bool(cordoned), "pods": .int(Int64(evictable.count)),
                "skippedPods": .array(skipped.map(JSONValue.string)),
            ],
            after: ["unschedulable": true, "pods": 0],
            summary: "drain \(input.targetDescription): evict \(evictable.count) pods, skip \(skipped.count)"))
    }
}

extension EvictionRequest {
    /// The change an eviction makes: `pods[namespace/name]: present -> evicted`.
    var change: FieldChange {
        FieldChange(path: "pods[\(key)]", from: "present", to: "evicted")
    }
}
