import BallastAPI
import ClusterTestSupport
import Foundation
import KubeTypes
import Testing

/// Oscillation built up through real requests: replicas up, down, up on one Deployment; the
/// next scale is refused as oscillation and the pattern is in the ActionHistory's status.
@Suite(.timeLimit(.minutes(3))) struct ScaleOscillationE2ETests {
    @Test func upDownUpScalingIsDetectedAndTheNextScaleIsRefused() async throws {
        try await Scenario.run("e2e-osc") { scenario in
            try await scenario.applyPolicy()
            scenario.startKubelet(.allReady)
            try await scenario.createDeployment("web", replicas: 2)
            _ = try await scenario.startOperator()

            // Each scale completes (and is scored) before the next is asked for: unscored runs
            // count as ineffective, and two of them would already refuse the third scale as an
            // IneffectiveLoop instead of letting the oscillation build up.
            for (step, replicas) in [4, 2, 4].enumerated() {
                let name = "scale-\(step + 1)"
                try await scenario.requestAction(name, .scaleDeployment, parameters: ["replicas": .int(Int64(replicas))], on: "web")
                let done = try await scenario.waitForRequest(name, in: [.completed, .failed, .blocked, .escalated])
                // Executed and verified; on a loaded machine the fake kubelet may not have made the
                // new pods ready by the end of the window (Failed [TargetUnhealthy]): scored either way.
                #expect(done.status?.execution?.result == .succeeded, "\(name): \(Scenario.summary(done))")
                #expect([.completed, .failed].contains(done.status?.phase), "\(name): \(Scenario.summary(done))")
                #expect(try await scenario.deployment("web").spec?.replicas == Int32(replicas))
            }

            let history = try await scenario.eventually("the ScaleOscillation pattern in the ActionHistory") {
                try await scenario.history(ofDeployment: "web").flatMap { history in
                    history.status?.patterns?.contains { $0.type == .scaleOscillation } == true ? history : nil
                }
            }
            let pattern = try #require(history.status?.patterns?.first { $0.type == .scaleOscillation })
            #expect(pattern.occurrences >= 2, "two direction changes: \(pattern.message)")
            #expect(pattern.message.contains("2->4->2->4"), "\(pattern.message)")
            #expect(history.status?.summary?.totalActions == 3)
            #expect(history.status?.entries?.map(\.state) == [.succeeded, .succeeded, .succeeded])
            let oscillating = history.status?.conditions?.first { $0.type == "Oscillating" }
            #expect(oscillating?.status == .true)
            #expect(oscillating?.reason == "ScaleOscillation")

            try await scenario.requestAction("scale-4", .scaleDeployment, parameters: ["replicas": 2], on: "web")
            let refused = try await scenario.waitForRequest("scale-4", in: [.blocked, .escalated, .completed, .failed])
            #expect([.blocked, .escalated].contains(refused.status?.phase), "\(Scenario.summary(refused))")
            #expect(refused.status?.policy?.reasons.contains { $0.code == .oscillationDetected } == true)
            #expect(try await scenario.deployment("web").spec?.replicas == 4, "the fourth scale did not run")
            try await scenario.waitForEvent("OscillationDetected", about: "scale-4")
        }
    }
}
