import BallastAPI
import BallastCore
import Foundation
import KubeClient
import KubeTypes
import Testing
@testable import BallastOperator

/// The controller as `ballast run` runs it: requests reconcile by themselves, and a
/// SafetyPolicy change wakes every waiting request at once (timing-sensitive: serial pass).
@Suite("Remediation controller: policy changes wake requests", .serialized)
struct RemediationControllerSerialTests {
    @Test("requests blocked by an emergency stop resume as soon as it is lifted, not at the next re-check")
    func stopLiftedResumes() async throws {
        let lifecycle = LifecycleSettings(verificationWindow: 600, verificationPoll: 60, recheckInterval: 600)
        try await RemediationHarness.run("rr-ctl", lifecycle: lifecycle, controllerWorkers: 2) { harness in
            let names = ["a", "b", "c"]
            for name in names { try await harness.deployment("web-\(name)", replicas: 1) }
            let stop = try await harness.policy("freeze", SafetyPolicySpec(
                emergencyStop: EmergencyStop(enabled: true, reason: "test"), mode: .enforce,
                actions: [ActionPolicy(name: .scaleDeployment, limits: ["maxReplicas": 10])]))
            for name in names {
                try await harness.request(name, harness.manual(.scaleDeployment, ["replicas": 3], target: "web-\(name)"))
            }
            try await RemediationHarness.eventually("every request Blocked by the stop") {
                var phases: [RemediationPhase?] = []
                for name in names { phases.append(try await harness.live(name).status?.phase) }
                return phases.allSatisfy { $0 == .blocked }
            }
            for name in names {
                #expect(try await harness.liveDeployment("web-\(name)")["spec"]?["replicas"] == 1, "nothing executed under the stop")
                #expect(try await harness.history("web-\(name)") == nil)
            }

            try await harness.update(stop) { $0.emergencyStop = EmergencyStop(enabled: false) }
            let lifted = ContinuousClock.now
            try await RemediationHarness.eventually(timeout: .seconds(60), "every request past Blocked") {
                var phases: [RemediationPhase?] = []
                for name in names { phases.append(try await harness.live(name).status?.phase) }
                return phases.allSatisfy { $0 == .verifying }
            }
            #expect(ContinuousClock.now - lifted < .seconds(60), "resumed by the policy watch, before the 600 s re-check")
            for name in names {
                #expect(try await harness.liveDeployment("web-\(name)")["spec"]?["replicas"] == 3)
                let entries = try await harness.history("web-\(name)")?.status?.entries ?? []
                #expect(entries.map(\.state) == [.succeeded], "executed exactly once")
                #expect(entries.first?.request?.name == name)
            }
        }
    }
}
