import BallastAPI
import KubeClient
import KubeTypes
import Testing

@testable import BallastOperator

/// Builders of live objects and planner input for the pure planner tests.
enum PlannerFixture {
    static let actionId = "a1b2c3d4e5f60718"

    static func object(_ json: JSONValue) -> UnstructuredObject {
        do { return try UnstructuredObject(json: json) } catch { fatalError("bad fixture: \(error)") }
    }

    static func deployment(
        replicas: Int64? = 3, resources: JSONValue = ["limits": ["memory": "512Mi"], "requests": ["memory": "256Mi"]],
        image: String = "web:v2", annotations: JSONValue? = nil, templateAnnotations: JSONValue? = nil, paused: Bool = false
    ) -> UnstructuredObject {
        var metadata: [String: JSONValue] = ["name": "web", "namespace": "shop", "uid": "dep-uid", "resourceVersion": "42"]
        if let annotations { metadata["annotations"] = annotations }
        var templateMetadata: [String: JSONValue] = ["labels": ["app": "web"]]
        if let templateAnnotations { templateMetadata["annotations"] = templateAnnotations }
        var spec: [String: JSONValue] = [
            "selector": ["matchLabels": ["app": "web"]],
            "template": [
                "metadata": .object(templateMetadata),
                "spec": ["containers": [["name": "app", "image": .string(image), "resources": resources]]],
            ],
        ]
        if let replicas { spec["replicas"] = .int(replicas) }
        if paused { spec["paused"] = true }
        return object(["apiVersion": "apps/v1", "kind": "Deployment", "metadata": .object(metadata), "spec": .object(spec)])
    }

    static func input(
        _ action: ActionName, _ target: UnstructuredObject, resource: ResourceDescriptor = .deployments,
        parameters: [String: JSONValue] = [:], limits: [String: JSONValue] = [:]
    ) -> PlanningInput {
        PlanningInput(action: action, parameters: parameters, limits: limits, actionId: actionId, resource: resource, target: target)
    }
}

extension PlanDecision {
    /// The plan, or a recorded issue.
    var plan: ExecutionPlan? {
        if case .execute(let plan) = self { return plan }
        Issue.record("expected a plan, got \(self)")
        return nil
    }

    /// The refusal reason, or `nil` when not refused.
    var refusalReason: RefusalReason? {
        if case .refuse(let refusal) = self { return refusal.reason }
        return nil
    }

    /// The merge/strategic patch body of the plan's first operation.
    var firstPatchBody: JSONValue? {
        guard case .execute(let plan) = self, case .patch(let request) = plan.operations.first else { return nil }
        switch request.patch {
        case .merge(let body), .strategicMerge(let body): return body
        default: return nil
        }
    }
}
