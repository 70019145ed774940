import BallastAPI
import KubeTypes

/// Plans `update_hpa`: set a HorizontalPodAutoscaler's `minReplicas` and/or `maxReplicas`,
/// refusing a result where min exceeds max.
enum AutoscalerPlanner {
    static func plan(_ input: PlanningInput) -> PlanDecision {
        let currentMin = input.field(["spec", "minReplicas"])?.intValue ?? 1
        let currentMax = input.field(["spec", "maxReplicas"])?.intValue ?? 0
        let newMin = input.integer("minReplicas") ?? currentMin
        let newMax = input.integer("maxReplicas") ?? currentMax
        guard input.parameters["minReplicas"] != nil || input.parameters["maxReplicas"] != nil else {
            return .refuse(Refusal(.invalidParameters, "update_hpa needs minReplicas and/or maxReplicas"))
        }
        guard newMin <= newMax else {
            return .refuse(Refusal(
                .invalidParameters, "\(input.targetDescription): minReplicas \(newMin) would exceed maxReplicas \(newMax)"))
        }
        var changes: [FieldChange] = []
        var spec: [String: JSONValue] = [:]
        if newMin != currentMin {
            changes.append(FieldChange(path: "spec.minReplicas", from: .int(currentMin), to: .int(newMin)))
            spec["minReplicas"] = .int(newMin)
        }
        if newMax != currentMax {
            changes.append(FieldChange(path: "spec.maxReplicas", from: .int(currentMax), to: .int(newMax)))
            spec["maxReplicas"] = .int(newMax)
        }
        guard !changes.isEmpty else {
            return .refuse(Refusal(.nothingToDo, "\(input.targetDescription) already has min \(newMin), max \(newMax)"))
        }
        let patch = GuardedPatch.merge(["spec": .object(spec)], target: input.target, resource: input.resource, record: input.record(changes))
        return .execute(ExecutionPlan(
            operations: [.patch(patch)], changes: changes,
            before: ["minReplicas": .int(currentMin), "maxReplicas": .int(currentMax)],
            after: ["minReplicas": .int(newMin), "maxReplicas": .int(newMax)],
            summary: "HPA bounds \(currentMin)..\(currentMax) -> \(newMin)..\(newMax)"))
    }
}
