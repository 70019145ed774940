import BallastAPI
import KubeClient
import KubeTypes

/// Plans `delete_pod`: restart one pod by evicting it (never a plain delete, which would bypass
/// PodDisruptionBudgets); its controller re-creates it.
///
/// The eviction is bound to the pod's uid, so a re-run of the same actionId cannot hit the
/// replacement pod; a pod that is already terminating counts as already done.
enum PodEvictionPlanner {
    static func plan(_ input: PlanningInput) -> PlanDecision {
        let eviction = EvictionRequest(
            namespace: input.target.metadata.namespace ?? "", name: input.target.metadata.name ?? "",
            uid: input.target.metadata.uid, gracePeriodSeconds: input.integer("gracePeriodSeconds"))
        if input.target.metadata.deletionTimestamp != nil {
            return .alreadyApplied(input.record([eviction.change]))
        }
        let phase = input.field(["status", "phase"])?.stringValue ?? "Unknown"
        return .execute(ExecutionPlan(
            operations: [.evict(eviction)], changes: [eviction.change], before: ["phase": .string(phase)],
            after: ["phase": "evicted"], summary: "evicted pod \(eviction.key)"))
    }
}
