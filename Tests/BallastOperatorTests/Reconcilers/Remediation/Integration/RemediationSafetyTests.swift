import BallastAPI
import BallastCore
import Foundation
import KubeClient
import KubeTypes
import Testing
@testable import BallastOperator

/// Refusals: what the reconciler must not do, and how it says so.
@Suite("Remediation reconciler: refusals and waiting")
struct RemediationSafetyTests {
    @Test("an alert naming no target fails TargetUnresolvable and creates no history")
    func unresolvable() async throws {
        try await RemediationHarness.run("rr-unres") { harness in
            let alert = AlertInfo(name: "SomethingOdd", severity: .warning, fingerprint: "fp-odd", labels: ["alertname": "SomethingOdd", "service": "web"])
            try await harness.request("odd", RemediationRequestSpec(alert: alert))
            #expect(try await harness.reconcile("odd") == .done)
            let request = try await harness.live("odd")
            #expect(request.status?.phase == .failed)
            #expect(request.condition(LifecycleCondition.decided)?.reason == "TargetUnresolvable")
            #expect(request.condition(LifecycleCondition.decided)?.message.contains("no target label") == true)
            let histories = try await harness.client.list(ActionHistory.self, .actionHistories, namespace: harness.namespace).items
            #expect(histories.isEmpty)
            try await RemediationHarness.eventually("a TargetUnresolvable Event") {
                try await harness.eventReasons("odd").contains("TargetUnresolvable")
            }
        }
    }

    @Test("a missing target fails TargetNotFound")
    func missingTarget() async throws {
        try await RemediationHarness.run("rr-missing") { harness in
            try await harness.request("ghost", harness.manual(.restartDeployment))
            try await harness.reconcile("ghost")
            let request = try await harness.live("ghost")
            #expect(request.status?.phase == .failed)
            #expect(request.condition(LifecycleCondition.decided)?.reason == "TargetNotFound")
        }
    }

    @Test("an emergency stop blocks with nothing executed; lifting it executes")
    func emergencyStop() async throws {
        try await RemediationHarness.run("rr-stop") { harness in
            try await harness.deployment(replicas: 2)
            let stop = try await harness.policy("freeze", SafetyPolicySpec(
                emergencyStop: EmergencyStop(enabled: true, reason: "INC-1", by: "oncall"), mode: .enforce, minConfidence: 0.5,
                actions: [ActionPolicy(name: .scaleDeployment)]))
            let settled = try await harness.settledDeployment()
            try await harness.request("scale", harness.manual(.scaleDeployment, ["replicas": 3]))
            #expect(try await harness.reconcile("scale") == .requeue(after: .seconds(5)))
            let blocked = try await harness.live("scale")
            #expect(blocked.status?.phase == .blocked)
            #expect(blocked.condition(LifecycleCondition.policyAllowed)?.reason == "EmergencyStop")
            #expect(blocked.status?.policy?.reasons.map(\.code) == [.emergencyStop])
            #expect(blocked.status?.execution == nil)
            #expect(try await harness.liveDeployment().showsNoWrite(since: settled))
            #expect(try await harness.history() == nil)

            try await harness.update(stop) { $0.emergencyStop = EmergencyStop(enabled: false) }
            try await harness.reconcile("scale")
            let resumed = try await harness.live("scale")
            #expect(resumed.status?.phase == .verifying)
            #expect(try await harness.liveDeployment()["spec"]?["replicas"] == 3)
        }
    }

    @Test("cooling-off blocks with retryAfter exactly the last start plus coolingOff.sameAction")
    func coolingOff() async throws {
        try await RemediationHarness.run("rr-cool") { harness in
            try await harness.deployment(replicas: 2)
            try await harness.policy("cool", SafetyPolicySpec(
                mode: .enforce, minConfidence: 0.5, coolingOff: CoolingOff(sameAction: .minutes(10), anyAction: .minutes(1)),
                actions: [ActionPolicy(name: .scaleDeployment)]))
            let startedAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 120).rounded(.down))
            let previous = ActionEntry(
                actionId: "earlier-1", action: .scaleDeployment, parameters: ["replicas": 2], state: .succeeded,
                startedAt: startedAt, finishedAt: startedAt + 1)
            try await harness.reconciler.ledger.recordIntent(previous, target: harness.target())
            try await harness.request("scale", harness.manual(.scaleDeployment, ["replicas": 3]))
            try await harness.awaitRequestCache("scale")
            let reconciledFrom = Date()
            guard case .requeue(let delay) = try await harness.reconcile("scale") else {
                Issue.record("a blocked request is looked at again at retryAfter")
                return
            }
            let request = try await harness.live("scale")
            #expect(request.status?.phase == .blocked)
            #expect(request.condition(LifecycleCondition.policyAllowed)?.reason == "CoolingOff")
            #expect(request.status?.policy?.retryAfter == startedAt + 600)
            let latest = Duration.seconds((startedAt + 600).timeIntervalSince(reconciledFrom).rounded(.up) + 1)
            #expect(delay <= latest && delay > latest - .seconds(30), "requeued for retryAfter, not a re-check interval")
            #expect(try await harness.liveDeployment()["spec"]?["replicas"] == 2)
            #expect(try await harness.history()?.status?.entries?.map(\.actionId) == ["earlier-1"])
        }
    }
}
