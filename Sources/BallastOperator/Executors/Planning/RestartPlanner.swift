import BallastAPI
import KubeTypes

/// Plans `restart_deployment` / `restart_statefulset` / `restart_daemonset`: a rolling restart,
/// as `kubectl rollout restart`, by changing a pod-template annotation.
///
/// Refuses a paused Deployment (``RefusalReason/deploymentPaused``), as `kubectl rollout restart`
/// does: the changed template would not roll out until it is resumed.
///
/// The annotation's value is the actionId (not a timestamp), so the effect is keyed by the
/// action: running the same actionId again finds the annotation already set and does nothing,
/// while a new actionId always rolls the pods.
enum RestartPlanner {
    /// `ballast.dev/restart-action-id` on `spec.template.metadata.annotations`.
    static let annotationKey = "ballast.dev/restart-action-id"

    /// The readable path of the annotation, as it appears in ``FieldChange``s.
    static let changePath = "spec.template.metadata.annotations[\(annotationKey)]"

    static func plan(_ input: PlanningInput) -> PlanDecision {
        let current = input.field(["spec", "template", "metadata", "annotations", annotationKey])?.stringValue
        let changes = [FieldChange(path: changePath, from: current.map(JSONValue.string), to: .string(input.actionId))]
        if current == input.actionId {
            return .alreadyApplied(input.record(changes))
        }
        if let paused = input.pausedRefusal(before: "restarting it") { return .refuse(paused) }
        let body: [String: JSONValue] = [
            "spec": ["template": ["metadata": ["annotations": [annotationKey: .string(input.actionId)]]]],
        ]
        let patch = GuardedPatch.merge(body, target: input.target, resource: input.resource, record: input.record(changes))
        return .execute(ExecutionPlan(
            operations: [.patch(patch)], changes: changes,
            before: ["restartActionId": current.map(JSONValue.string) ?? .null],
            after: ["restartActionId": .string(input.actionId)],
            summary: "rolling restart of \(input.targetDescription)"))
    }
}
