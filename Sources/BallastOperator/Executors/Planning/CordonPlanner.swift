import BallastAPI
import KubeTypes

/// Plans `cordon_node` / `uncordon_node`: set or clear the Node's `spec.unschedulable`.
enum CordonPlanner {
    /// - Parameter unschedulable: `true` to cordon, `false` to uncordon.
    static func plan(_ input: PlanningInput, unschedulable: Bool) -> PlanDecision {
        let current = input.field(["spec", "unschedulable"])?.boolValue ?? false
        guard current != unschedulable else {
            return .refuse(Refusal(
                .nothingToDo, "\(input.targetDescription) is already \(unschedulable ? "cordoned" : "schedulable")"))
        }
        return .execute(cordonPlan(input, unschedulable: unschedulable))
    }

    /// The plan that flips `spec.unschedulable` (uncordon removes the field, as kubectl does).
    static func cordonPlan(_ input: PlanningInput, unschedulable: Bool, extraChanges: [FieldChange] = []) -> ExecutionPlan {
        let current = input.field(["spec", "unschedulable"])?.boolValue ?? false
        let changes = [FieldChange(path: "spec.unschedulable", from: .bool(current), to: .bool(unschedulable))]
        let patch = GuardedPatch.merge(
            ["spec": ["unschedulable": unschedulable ? JSONValue.bool(true) : JSONValue.null]], target: input.target,
            resource: input.resource, record: input.record(changes + extraChanges))
        return ExecutionPlan(
            operations: [.patch(patch)], changes: changes, before: ["unschedulable": .bool(current)],
            after: ["unschedulable": .bool(unschedulable)],
            summary: "\(unschedulable ? "cordoned" : "uncordoned") \(input.targetDescription)")
    }
}
