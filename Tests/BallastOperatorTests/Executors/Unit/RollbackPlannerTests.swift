import BallastAPI
import KubeClient
import KubeTypes
import Testing

@testable import BallastOperator

@Suite struct RollbackPlannerTests {
    func replicaSet(_ name: String, revision: Int, image: String, owner: String = "dep-uid", controller: Bool = true) -> UnstructuredObject {
        PlannerFixture.object([
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": [
                "name": .string(name), "namespace": "shop",
                "annotations": [RollbackPlanner.revisionKey: .string(String(revision))],
                "ownerReferences": [["apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": .string(owner), "controller": .bool(controller)]],
            ],
            "spec": [
                "template": [
                    "metadata": ["labels": ["app": "web", "pod-template-hash": .string("hash-\(revision)")]],
                    "spec": ["containers": [["name": "app", "image": .string(image), "resources": ["limits": ["memory": "512Mi"], "requests": ["memory": "256Mi"]]]]],
                ],
            ],
        ])
    }

    var history: [UnstructuredObject] {
        [replicaSet("web-1", revision: 1, image: "web:v0"), replicaSet("web-3", revision: 3, image: "web:v2"),
         replicaSet("web-2", revision: 2, image: "web:v1"), replicaSet("other-9", revision: 9, image: "x:y", owner: "someone-else")]
    }

    @Test(arguments: [(Int64?.none, "web:v1", Int64(2)), (Int64?(1), "web:v0", Int64(1))])
    func copiesTheChosenRevisionsTemplateWithoutTheHashLabel(toRevision: Int64?, image: String, revision: Int64) throws {
        let parameters: [String: JSONValue] = toRevision.map { ["toRevision": .int($0)] } ?? [:]
        let decision = RollbackPlanner.plan(PlannerFixture.input(.rollbackDeployment, PlannerFixture.deployment(), parameters: parameters), replicaSets: history)
        let plan = try #require(decision.plan)
        guard case .patch(let request) = plan.operations.first, case .json(let operations) = request.patch else {
            Issue.record("expected a JSON patch")
            return
        }
        let template = try #require(operations.first { $0.path == "/spec/template" }?.value)
        #expect(template.value(at: ["spec", "containers"])?.arrayValue?.first?["image"] == .string(image))
        #expect(template.value(at: ["metadata", "labels"]) == ["app": "web"])
        #expect(operations.contains(JSONPatchOperation(op: .replace, path: "/metadata/resourceVersion", value: "42")))
        #expect(plan.before["revision"] == 3 && plan.after["revision"] == .int(revision))
        #expect(plan.changes.contains(FieldChange(path: "spec.template.spec.containers[app].image", from: "web:v2", to: .string(image))))
    }

    @Test(arguments: [
        ([String](), Int64?.none, RefusalReason.noPreviousRevision),
        (["web-3"], Int64?.none, .noPreviousRevision),
        (["web-3", "web-2"], Int64?(7), .revisionNotFound),
        (["other-9", "web-3"], Int64?.none, .noPreviousRevision),
    ])
    func refusesWithoutAUsableRevision(names: [String], toRevision: Int64?, reason: RefusalReason) {
        let sets = history.filter { names.contains($0.metadata.name ?? "") }
        let parameters: [String: JSONValue] = toRevision.map { ["toRevision": .int($0)] } ?? [:]
        let decision = RollbackPlanner.plan(PlannerFixture.input(.rollbackDeployment, PlannerFixture.deployment(), parameters: parameters), replicaSets: sets)
        #expect(decision.refusalReason == reason)
    }

    @Test func refusesWhenTheTemplateAlreadyMatches() {
        let decision = RollbackPlanner.plan(
            PlannerFixture.input(.rollbackDeployment, PlannerFixture.deployment(image: "web:v1")), replicaSets: history)
        #expect(decision.refusalReason == .nothingToDo)
    }

    @Test func refusesAPausedDeployment() {
        let decision = RollbackPlanner.plan(PlannerFixture.input(.rollbackDeployment, PlannerFixture.deployment(paused: true)), replicaSets: history)
        #expect(decision.refusalReason == .deploymentPaused)
    }
}
