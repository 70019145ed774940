import BallastAPI
import KubeTypes

/// Plans `drain_node` as `kubectl drain` does: cordon the node, then evict every pod on it
/// through the Eviction API (so PodDisruptionBudgets are honoured), except DaemonSet pods (their
/// controller would re-create them on the node at once), mirror pods (static pods the API cannot
/// remove) and pods already terminating.
///
/// Refuses before changing anything when more pods would be evicted than the policy's `maxPods`.
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

    /// - Parameters:
    ///   - input: The action input (target: the Node; optional `gracePeriodSeconds`; limit `maxPods`).
    ///   - pods: The pods bound to the node (`spec.nodeName`).
    static func plan(_ input: PlanningInput, pods: [Pod]) -> PlanDecision {
        let sorted = pods.sorted { ObjectKey($0.metadata) < ObjectKey($1.metadata) }
        let evictable = sorted.filter { skipReason($0) == nil }
        let skipped = sorted.compactMap { pod in skipReason(pod).map { "\(ObjectKey(pod.metadata)) (\($0))" } }
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
