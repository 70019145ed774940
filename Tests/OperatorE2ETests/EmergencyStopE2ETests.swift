import BallastAPI
import ClusterTestSupport
import Foundation
import KubeTypes
import Testing

/// The emergency stop on the real operator: requests queued while it holds never touch their
/// targets and wait Blocked; lifting it lets them run and complete by themselves.
@Suite(.timeLimit(.minutes(2))) struct EmergencyStopE2ETests {
    @Test func requestsQueuedUnderAnEmergencyStopNeverExecuteAndCompleteOnceItIsLifted() async throws {
        try await Scenario.run("e2e-stop") { scenario in
            try await scenario.applyPolicy(["emergencyStop": ["enabled": true, "reason": "e2e incident", "by": "e2e@ballast.dev"]])
            scenario.startKubelet(.allReady)
            let deployments = ["api", "web"]
            for name in deployments { try await scenario.createDeployment(name, replicas: 2) }
            var generations: [String: Int64] = [:]
            for name in deployments { generations[name] = try await scenario.deployment(name).metadata.generation }

            _ = try await scenario.startOperator()
            for name in deployments {
                try await scenario.requestAction("scale-\(name)", .scaleDeployment, parameters: ["replicas": 3], on: name)
            }
            for name in deployments {
                let blocked = try await scenario.waitForRequest("scale-\(name)", in: [.blocked])
                #expect(blocked.status?.policy?.reasons.map(\.code) == [.emergencyStop])
                #expect(blocked.status?.policy?.verdict == .denied)
                #expect(blocked.status?.policy?.retryAfter == nil, "an emergency stop has no expiry")
                let condition = blocked.status?.conditions?.first { $0.type == "PolicyAllowed" }
                #expect(condition?.status == .false)
                #expect(condition?.reason == "EmergencyStop")
                #expect(blocked.status?.execution?.startedAt == nil, "nothing started")
            }
            let policy = try await scenario.eventually("the policy's status to show the stop") {
                let policy = try await scenario.policy()
                return policy.status?.emergencyStop?.active == true ? policy : nil
            }
            #expect(policy.status?.executing == 0)
            for name in deployments {
                let deployment = try await scenario.deployment(name)
                #expect(deployment.spec?.replicas == 2, "\(name) untouched")
                #expect(deployment.metadata.generation == generations[name])
                #expect(deployment.metadata.annotations?["ballast.dev/last-action-id"] == nil)
                let entries = try await scenario.history(ofDeployment: name)?.status?.entries ?? []
                #expect(!entries.contains { $0.state == .succeeded || $0.state == .pending }, "no action recorded on \(name): \(entries)")
                try await scenario.waitForEvent("EmergencyStop", about: "scale-\(name)")
            }

            try await scenario.setEmergencyStop(false)
            for name in deployments {
                let completed = try await scenario.waitForRequest("scale-\(name)", in: [.completed, .failed])
                #expect(completed.status?.phase == .completed, "\(Scenario.summary(completed))")
                #expect(completed.status?.execution?.result == .succeeded)
                let deployment = try await scenario.deployment(name)
                #expect(deployment.spec?.replicas == 3)
                #expect(deployment.metadata.annotations?["ballast.dev/last-action-id"] == completed.status?.execution?.actionId)
                let succeeded = try await scenario.history(ofDeployment: name)?.status?.entries?.filter { $0.state == .succeeded } ?? []
                #expect(succeeded.count == 1)
            }
            let lifted = try await scenario.eventually("the policy's status to show the stop lifted") {
                let policy = try await scenario.policy()
                return policy.status?.emergencyStop?.active == false ? policy : nil
            }
            #expect(lifted.status?.conditions?.first { $0.type == "EmergencyStopActive" }?.status == .false)
        }
    }
}
