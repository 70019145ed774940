import BallastAPI
import ClusterTestSupport
import Foundation
import KubeTypes
import Testing

/// Cooling-off windows live in the ActionHistory, not in the operator's memory: after a restart
/// the same remediation is refused until exactly the first action's start plus
/// `coolingOff.sameAction`. Serial: it restarts the operator.
@Suite(.timeLimit(.minutes(2))) struct CoolingOffRestartE2ESerialTests {
    @Test func theSameScaleRequestedAgainAfterARestartIsBlockedUntilTheExactRetryAfter() async throws {
        try await Scenario.run("e2e-cool") { scenario in
            try await scenario.applyPolicy(["coolingOff": ["sameAction": "10m", "anyAction": "0"]])
            scenario.startKubelet(.allReady)
            try await scenario.createDeployment("web", replicas: 2)
            let ballast = try await scenario.startOperator()

            try await scenario.requestAction("scale-up", .scaleDeployment, parameters: ["replicas": 3], on: "web")
            let first = try await scenario.waitForRequest("scale-up", in: [.completed, .failed])
            #expect(first.status?.phase == .completed, "\(Scenario.summary(first))")
            let actionId = try #require(first.status?.execution?.actionId)
            let entry = try #require(try await scenario.history(ofDeployment: "web")?.status?.entries?.first { $0.actionId == actionId })
            #expect(entry.state == .succeeded)

            try await ballast.restart()
            try await scenario.requestAction("scale-again", .scaleDeployment, parameters: ["replicas": 4], on: "web")
            let blocked = try await scenario.waitForRequest("scale-again", in: [.blocked, .completed, .failed])
            #expect(blocked.status?.phase == .blocked, "\(Scenario.summary(blocked))")
            #expect(blocked.status?.policy?.verdict == .denied)
            #expect(blocked.status?.policy?.reasons.map(\.code) == [.coolingOff])
            let retryAfter = try #require(blocked.status?.policy?.retryAfter)
            let expected = entry.startedAt.addingTimeInterval(600)
            #expect(abs(retryAfter.timeIntervalSince(expected)) < 1,
                    "retryAfter \(KubeTime.format(retryAfter)) = startedAt \(KubeTime.format(entry.startedAt)) + 10m")
            let condition = blocked.status?.conditions?.first { $0.type == "PolicyAllowed" }
            #expect(condition?.status == .false)
            #expect(condition?.reason == "CoolingOff")
            try await scenario.waitForEvent("CoolingOff", about: "scale-again")
            #expect(try await scenario.deployment("web").spec?.replicas == 3, "the second scale did not run")
            let entries = try await scenario.history(ofDeployment: "web")?.status?.entries ?? []
            #expect(entries.count == 1, "only the first action is recorded: \(entries.map(\.actionId))")
        }
    }
}
