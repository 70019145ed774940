import BallastAPI
import KubeTypes

/// Plans `scale_deployment` / `scale_statefulset`: set `spec.replicas` to an absolute value.
///
/// Refuses when a HorizontalPodAutoscaler targets the workload: the HPA would undo the change
/// within one sync period, and the two would fight (the thrashing Ballast exists to prevent).
/// The refusal names the HPA and suggests `update_hpa`, which moves the HPA's bounds instead.
enum ScalePlanner {
    /// - Parameters:
    ///   - input: The action input; `parameters.replicas` is the desired count.
    ///   - autoscalers: The HPAs in the target's namespace.
    static func plan(_ input: PlanningInput, autoscalers: [HorizontalPodAutoscaler]) -> PlanDecision {
        guard let desired = input.integer("replicas") else {
            return .refuse(Refusal(.invalidParameters, "scale needs an integer 'replicas' parameter"))
        }
        let name = input.target.metadata.name ?? ""
        if let hpa = autoscalers.first(where: { $0.spec?.scaleTargetRef.kind == input.resource.kind && $0.spec?.scaleTargetRef.name == name }) {
            let bounds = "min \(hpa.spec?.minReplicas ?? 1), max \(hpa.spec?.maxReplicas ?? 0)"
            return .refuse(Refusal(
                .hpaOwned,
                "HorizontalPodAutoscaler '\(hpa.metadata.name ?? "")' manages the replicas of \(input.targetDescription) (\(bounds)); "
                    + "use update_hpa to move its bounds instead of fighting it"))
        }
        let current = input.field(["spec", "replicas"])?.intValue ?? 1
        guard current != desired else {
            return .refuse(Refusal(.nothingToDo, "\(input.targetDescription) already has \(desired) replicas"))
        }
        let changes = [FieldChange(path: "spec.replicas", from: .int(current), to: .int(desired))]
        let patch = GuardedPatch.merge(
            ["spec": ["replicas": .int(desired)]], target: input.target, resource: input.resource,
            record: input.record(changes))
        return .execute(ExecutionPlan(
            operations: [.patch(patch)], changes: changes, before: ["replicas": .int(current)],
            after: ["replicas": .int(desired)], summary: "replicas \(current) -> \(desired)"))
    }
}
