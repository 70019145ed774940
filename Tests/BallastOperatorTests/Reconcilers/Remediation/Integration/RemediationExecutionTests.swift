import BallastAPI
import BallastCore
import Foundation
import KubeClient
import KubeTypes
import Testing
@testable import BallastOperator

/// Requests executed end to end by the reconciler on the local control plane.
@Suite("Remediation reconciler: executing actions")
struct RemediationExecutionTests {
    @Test("a scale runs once: Verifying, target scaled, entry Succeeded with before/after, conditions and Events")
    func scaleReal() async throws {
        try await RemediationHarness.run("rr-scale") { harness in
            try await harness.enforcedDeployment(replicas: 2)
            try await harness.request("scale", harness.manual(.scaleDeployment, ["replicas": 4]))
            let result = try await harness.reconcile("scale")
            #expect(result == .requeue(after: .seconds(1)))
            let request = try await harness.live("scale")
            #expect(request.status?.phase == .verifying)
            let execution = try #require(request.status?.execution)
            #expect(execution.result == .succeeded)
            #expect(execution.dryRun == false)
            #expect(execution.changes?.map(\.path) == ["spec.replicas"])
            #expect(request.status?.historyRef == "deployment-web")
            #expect(request.status?.target?.uid != nil)
            #expect(request.condition(LifecycleCondition.executed)?.reason == "Succeeded")
            #expect(request.condition(LifecycleCondition.policyAllowed)?.reason == "Allowed")
            #expect(request.metadata.finalizers == [RemediationSettings.finalizer])
            #expect(try await harness.liveDeployment()["spec"]?["replicas"] == 4)
            let entry = try #require(try await harness.history()?.status?.entries?.first)
            #expect(entry.actionId == execution.actionId)
            #expect(entry.state == .succeeded)
            #expect(entry.before == ["replicas": 2])
            #expect(entry.after == ["replicas": 4])
            #expect(entry.request?.name == "scale")
            // The allowance is on the condition; the action's Event names the policy that allowed it.
            try await RemediationHarness.eventually("one Event, Succeeded, naming the policy") {
                try await harness.eventReasons("scale") == ["Succeeded"]
            }
            #expect(request.condition(LifecycleCondition.executed)?.message.contains("allowed by SafetyPolicy") == true)
        }
    }

    @Test("a dry run completes at once; the target is untouched and the entry says DryRun")
    func scaleDryRun() async throws {
        try await RemediationHarness.run("rr-dry") { harness in
            try await harness.enforcedDeployment(replicas: 2)
            let before = try await harness.settledDeployment()
            try await harness.request("dry", harness.manual(.scaleDeployment, ["replicas": 4], mode: .dryRun))
            #expect(try await harness.reconcile("dry") == .done)
            let request = try await harness.live("dry")
            #expect(request.status?.phase == .completed)
            #expect(request.status?.policy?.dryRun == true)
            #expect(request.condition(LifecycleCondition.executed)?.reason == "DryRun")
            #expect(request.metadata.finalizers ?? [] == [], "a finished request holds no finalizer")
            #expect(try await harness.liveDeployment().showsNoWrite(since: before))
            #expect(try await harness.history()?.status?.entries?.map(\.state) == [.dryRun])
        }
    }

    @Test("a restart sets the pod-template annotation to the actionId")
    func restart() async throws {
        try await RemediationHarness.run("rr-restart") { harness in
            try await harness.enforcedDeployment()
            try await harness.request("restart", harness.manual(.restartDeployment))
            try await harness.reconcile("restart")
            let request = try await harness.live("restart")
            let actionId = try #require(request.status?.execution?.actionId)
            #expect(request.status?.phase == .verifying)
            let annotation = try await harness.liveDeployment()["spec"]?["template"]?["metadata"]?["annotations"]?["ballast.dev/restart-action-id"]
            #expect(annotation == .string(actionId))
        }
    }

    @Test("with no covering policy the built-in defaults run the action as a dry run only")
    func noPolicyIsDryRun() async throws {
        try await RemediationHarness.run("rr-nopolicy") { harness in
            try await harness.deployment(replicas: 2)
            try await harness.request("scale", harness.manual(.scaleDeployment, ["replicas": 3]))
            try await harness.reconcile("scale")
            let request = try await harness.live("scale")
            #expect(request.status?.phase == .completed)
            #expect(request.status?.policy?.policies == [PolicyDefaults.name])
            #expect(request.status?.policy?.reasons.map(\.code) == [.dryRunMode])
            #expect(try await harness.liveDeployment()["spec"]?["replicas"] == 2)
        }
    }

    @Test("the alert resolving completes a Verifying request and scores its entry")
    func alertResolution() async throws {
        try await RemediationHarness.run("rr-resolve") { harness in
            try await harness.enforcedDeployment(replicas: 2)
            let alert = AlertInfo(name: "KubeDeploymentReplicasMismatch", severity: .warning, fingerprint: "fp-resolve", startsAt: Date() - 300)
            try await harness.request("scale", harness.manual(.scaleDeployment, ["replicas": 3], alert: alert))
            try await harness.reconcile("scale")
            #expect(try await harness.live("scale").status?.phase == .verifying)
            // What the receiver writes when Alertmanager reports the alert resolved.
            let resolvedAt = KubeTime.format(Date())
            try await harness.client.patchStatus(
                RemediationRequest.self, .remediationRequests, name: "scale", namespace: harness.namespace,
                .merge(["status": ["verification": ["alertResolved": true, "resolvedAt": .string(resolvedAt)]]]))
            #expect(try await harness.reconcile("scale") == .done)
            let request = try await harness.live("scale")
            #expect(request.status?.phase == .completed)
            #expect(request.condition(LifecycleCondition.verified)?.reason == "AlertResolved")
            let effectiveness = try #require(request.status?.verification?.effectiveness)
            #expect(effectiveness > 0.5)
            let entry = try #require(try await harness.history()?.status?.entries?.first)
            #expect(entry.state == .succeeded)
            #expect(entry.effectiveness == effectiveness)
        }
    }
}
