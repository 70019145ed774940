import BallastAPI
import BallastCore
import Foundation
import KubeClient
import KubeTypes
import Testing
@testable import BallastOperator

/// Crashes, convergence and deletion: never act twice, never write for nothing, never orphan
/// an intent.
@Suite("Remediation reconciler: recovery, convergence, deletion")
struct RemediationRecoveryTests {
    /// Writes the status a killed operator leaves behind: Executing attempt 1, started (or
    /// not), with its Pending entry recorded; returns the actionId.
    static func crashedMidExecution(_ harness: RemediationHarness, name: String, started: Bool) async throws -> String {
        var request = try await harness.live(name)
        let uid = try #require(request.metadata.uid)
        let deployment = try await harness.liveDeployment()
        let actionId = ActionID.make(requestUID: uid, attempt: 1)
        let startedAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 5).rounded(.down))
        request.status = RemediationRequestStatus(
            phase: .executing, observedGeneration: 1, target: harness.target(uid: deployment.metadata.uid),
            decision: DecisionStatus(action: .scaleDeployment, parameters: ["replicas": 4], confidence: 1, source: .requested),
            policy: PolicyStatus(verdict: .allowed, policies: ["\(harness.namespace)-enforce"], reasons: [], dryRun: false),
            execution: ExecutionStatus(actionId: actionId, dryRun: false, startedAt: started ? startedAt : nil))
        try await harness.client.updateStatus(request, .remediationRequests)
        try await harness.reconciler.ledger.recordIntent(
            ActionEntry(
                actionId: actionId, request: RequestReference(name: name, uid: uid), action: .scaleDeployment,
                parameters: ["replicas": 4], source: .requested, confidence: 1, state: .pending, startedAt: startedAt),
            target: harness.target(uid: deployment.metadata.uid))
        return actionId
    }

    @Test("started before a crash and not applied: abandoned, then attempt 2 runs exactly once")
    func crashBeforeApplying() async throws {
        try await RemediationHarness.run("rr-crash") { harness in
            try await harness.enforcedDeployment(replicas: 2)
            try await harness.request("scale", harness.manual(.scaleDeployment, ["replicas": 4]))
            let first = try await Self.crashedMidExecution(harness, name: "scale", started: true)
            let generation = try await harness.liveDeployment().metadata.generation

            try await harness.reconcile("scale")
            let blocked = try await harness.live("scale")
            #expect(blocked.status?.phase == .blocked)
            #expect(blocked.condition(LifecycleCondition.executed)?.reason == "Abandoned")
            #expect(try await harness.liveDeployment().metadata.generation == generation, "a check never acts")

            try await Task.sleep(for: .seconds(1))
            try await harness.reconcile("scale")
            let request = try await harness.live("scale")
            #expect(request.status?.phase == .verifying)
            let second = try #require(request.status?.execution?.actionId)
            #expect(second != first)
            let deployment = try await harness.liveDeployment()
            #expect(deployment["spec"]?["replicas"] == 4)
            #expect(deployment.metadata.generation == generation.map { $0 + 1 }, "exactly one write to the target")
            let entries = try await harness.history()?.status?.entries ?? []
            #expect(entries.map(\.actionId) == [first, second])
            #expect(entries.map(\.state) == [.abandoned, .succeeded])
        }
    }

    @Test("started before a crash and applied: adopted as AlreadyApplied without touching the target")
    func crashAfterApplying() async throws {
        try await RemediationHarness.run("rr-adopt") { harness in
            try await harness.enforcedDeployment(replicas: 2)
            try await harness.request("scale", harness.manual(.scaleDeployment, ["replicas": 4]))
            let actionId = try await Self.crashedMidExecution(harness, name: "scale", started: true)
            // What the executor wrote before the operator died: the change and its stamp, in one patch.
            try await harness.client.patch(
                UnstructuredObject.self, .deployments, name: "web", namespace: harness.namespace,
                .merge(["spec": ["replicas": 4], "metadata": ["annotations": .object(
                    AppliedRecord(actionId: actionId, changes: [FieldChange(path: "spec.replicas", from: 2, to: 4)])
                        .annotations.mapValues(JSONValue.string))]]))
            let settled = try await harness.settledDeployment()

            try await harness.reconcile("scale")
            let request = try await harness.live("scale")
            #expect(request.status?.phase == .verifying)
            #expect(request.condition(LifecycleCondition.executed)?.reason == "AlreadyApplied")
            #expect(try await harness.liveDeployment().showsNoWrite(since: settled))
            let entries = try await harness.history()?.status?.entries ?? []
            #expect(entries.map(\.state) == [.succeeded])
        }
    }

    @Test("a converged request sees no writes: not to itself, its history, its target, nor Events")
    func convergedMakesNoWrites() async throws {
        try await RemediationHarness.run("rr-quiet") { harness in
            try await harness.deployment(replicas: 2)
            let policy = try await harness.policy("enforce", SafetyPolicySpec(mode: .enforce, actions: [ActionPolicy(name: .scaleDeployment)]))
            try await harness.request("done", harness.manual(.scaleDeployment, ["replicas": 3], mode: .dryRun))
            try await harness.reconcile("done")
            try await harness.update(policy) { $0.emergencyStop = EmergencyStop(enabled: true) }
            try await harness.request("waiting", harness.manual(.scaleDeployment, ["replicas": 3]))
            try await harness.reconcile("waiting")
            #expect(try await harness.live("done").status?.phase == .completed)
            #expect(try await harness.live("waiting").status?.phase == .blocked)
            try await Task.sleep(for: .milliseconds(500))  // let Event writes of the first reconciles land

            let versions = (
                try await harness.live("done").metadata.resourceVersion, try await harness.live("waiting").metadata.resourceVersion,
                try await harness.history()?.metadata.resourceVersion, try await harness.settledDeployment())
            let events = harness.env.events.writes
            #expect(try await harness.reconcile("done") == .done)
            #expect(try await harness.reconcile("waiting") == .requeue(after: .seconds(5)))
            #expect(try await harness.live("done").metadata.resourceVersion == versions.0)
            #expect(try await harness.live("waiting").metadata.resourceVersion == versions.1)
            #expect(try await harness.history()?.metadata.resourceVersion == versions.2)
            #expect(try await harness.liveDeployment().showsNoWrite(since: versions.3))
            #expect(harness.env.events.writes == events)
        }
    }

    @Test("deleting a request mid-flight completes its Pending entry, then lets it go", arguments: [false, true])
    func deletionMidFlight(started: Bool) async throws {
        try await RemediationHarness.run("rr-delete") { harness in
            try await harness.deployment(replicas: 2)
            try await harness.client.create(
                RemediationRequest(
                    metadata: ObjectMeta(name: "scale", namespace: harness.namespace, finalizers: [RemediationSettings.finalizer]),
                    spec: harness.manual(.scaleDeployment, ["replicas": 4])),
                .remediationRequests)
            try await harness.awaitRequestCache("scale")
            let actionId = try await Self.crashedMidExecution(harness, name: "scale", started: started)
            try await harness.client.delete(.remediationRequests, name: "scale", namespace: harness.namespace)
            try await RemediationHarness.eventually("the deletion in the cache") {
                harness.env.informers.requests.store.get(ObjectKey(namespace: harness.namespace, name: "scale"))?.metadata.deletionTimestamp != nil
            }
            try await harness.reconcile("scale")
            try await RemediationHarness.eventually("the request is gone") {
                do {
                    _ = try await harness.live("scale")
                    return false
                } catch let error as KubeError where error.code == .notFound {
                    return true
                }
            }
            let entry = try #require(try await harness.history()?.status?.entries?.first { $0.actionId == actionId })
            #expect(entry.state == .abandoned)
            #expect(entry.message?.contains("request deleted") == true)
            #expect(try await harness.liveDeployment()["spec"]?["replicas"] == 2)
        }
    }
}
