import Foundation
import BallastAPI
import KubeClient
import KubeTypes
import Testing

@testable import BallastOperator

@Suite struct AppliedRecordTests {
    @Test func roundTripsThroughTheTargetsAnnotations() {
        let changes = [FieldChange(path: "spec.replicas", from: 3, to: 5)]
        let record = AppliedRecord(actionId: "abc", changes: changes)
        let target = PlannerFixture.deployment(annotations: .object(record.annotations.mapValues(JSONValue.string)))
        #expect(AppliedRecord.find(actionId: "abc", on: target) == record)
        #expect(AppliedRecord.find(actionId: "other", on: target) == nil)
        #expect(AppliedRecord.find(actionId: "abc", on: PlannerFixture.deployment()) == nil)
    }

    @Test func keepsAtMostTheBoundOfChanges() {
        let many = (0..<50).map { FieldChange(path: "pods[ns/p\($0)]", from: "present", to: "evicted") }
        let record = AppliedRecord(actionId: "abc", changes: many)
        let target = PlannerFixture.deployment(annotations: .object(record.annotations.mapValues(JSONValue.string)))
        #expect(AppliedRecord.find(actionId: "abc", on: target)?.changes.count == AppliedRecord.maxRecordedChanges)
    }
}

@Suite struct GuardedPatchTests {
    let record = AppliedRecord(actionId: "abc", changes: [])

    @Test func jsonPatchCreatesTheAnnotationMapWhenMissing() throws {
        let request = GuardedPatch.json(
            [JSONPatchOperation(op: .replace, path: "/spec/template", value: [:])], target: PlannerFixture.deployment(),
            resource: .deployments, record: record)
        guard case .json(let operations) = request.patch else { Issue.record("expected JSON patch"); return }
        #expect(operations.map(\.path) == ["/spec/template", "/metadata/resourceVersion", "/metadata/annotations"])
        #expect(operations.last?.value?[AppliedRecord.actionIdKey] == "abc")
        #expect(request.namespace == "shop" && request.name == "web")
    }

    @Test func jsonPatchAddsEscapedKeysToAnExistingMap() throws {
        let request = GuardedPatch.json([], target: PlannerFixture.deployment(annotations: ["x": "y"]), resource: .deployments, record: record)
        guard case .json(let operations) = request.patch else { Issue.record("expected JSON patch"); return }
        #expect(operations.map(\.path) == [
            "/metadata/resourceVersion", "/metadata/annotations/ballast.dev~1last-action-changes",
            "/metadata/annotations/ballast.dev~1last-action-id",
        ])
    }

    @Test func clusterScopedTargetsHaveNoNamespace() {
        let request = GuardedPatch.merge([:], target: PlannerFixture.node(), resource: .nodes, record: record)
        #expect(request.namespace == nil && request.name == "n1")
    }
}

@Suite struct PodEvictionPlannerTests {
    let live = PlannerFixture.object([
        "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "web-1", "namespace": "shop", "uid": "pod-uid"],
        "status": ["phase": "Running"],
    ])

    @Test func evictsBoundToTheUid() throws {
        let plan = try #require(PodEvictionPlanner.plan(PlannerFixture.input(.deletePod, live, resource: .pods, parameters: ["gracePeriodSeconds": 5])).plan)
        #expect(plan.operations == [.evict(EvictionRequest(namespace: "shop", name: "web-1", uid: "pod-uid", gracePeriodSeconds: 5))])
        #expect(plan.changes == [FieldChange(path: "pods[shop/web-1]", from: "present", to: "evicted")])
    }

    @Test func aTerminatingPodIsAlreadyDone() {
        var terminating = live
        terminating.metadata.deletionTimestamp = Date(timeIntervalSince1970: 5)
        guard case .alreadyApplied = PodEvictionPlanner.plan(PlannerFixture.input(.deletePod, terminating, resource: .pods)) else {
            Issue.record("expected alreadyApplied")
            return
        }
    }
}

@Suite struct ExecutionOutcomeStatusTests {
    func outcome(_ result: ExecutionOutcome.Result, dryRun: Bool = false) -> ExecutionOutcome {
        ExecutionOutcome(
            action: .scaleDeployment, actionId: "abc", dryRun: dryRun, result: result, message: "m",
            changes: [FieldChange(path: "spec.replicas", from: 3, to: 5)])
    }

    @Test(arguments: [
        (ExecutionOutcome.Result.succeeded, false, "Succeeded"),
        (.alreadyApplied, false, "AlreadyApplied"),
        (.succeeded, true, "Succeeded"),
        (.refused(Refusal(.hpaOwned, "x")), false, "HPAOwned"),
        (.blockedByDisruptionBudget(message: "x"), false, "BlockedByDisruptionBudget"),
        (.failed(ExecutionFailure(code: "conflict", operation: "PATCH", message: "x")), false, "Failed"),
    ])
    func mapsToReason(result: ExecutionOutcome.Result, dryRun: Bool, reason: String) {
        #expect(outcome(result, dryRun: dryRun).reason == reason)
    }

    @Test func buildsTheExecutionStatus() {
        let start = Date(timeIntervalSince1970: 100), end = Date(timeIntervalSince1970: 101)
        let status = outcome(.succeeded).executionStatus(startedAt: start, finishedAt: end)
        #expect(status == ExecutionStatus(
            actionId: "abc", dryRun: false, startedAt: start, finishedAt: end, result: .succeeded, message: "m",
            changes: [FieldChange(path: "spec.replicas", from: 3, to: 5)]))
    }
}
