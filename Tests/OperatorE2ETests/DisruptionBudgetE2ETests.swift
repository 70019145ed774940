import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

/// A PodDisruptionBudget whose `minAvailable` equals the Deployment's ready pods: a pod restart
/// (an eviction) is answered 429 by the API server, the request waits Blocked
/// [BlockedByDisruptionBudget] with a retry time and no pod is deleted; lowering the budget
/// lets the lifecycle's next attempt evict the pod.
@Suite(.timeLimit(.minutes(3))) struct DisruptionBudgetE2ETests {
    @Test func anEvictionTheBudgetForbidsWaitsBlockedAndProceedsOnceTheBudgetIsLowered() async throws {
        try await Scenario.run("e2f-pdb") { scenario in
            try await scenario.applyEveryActionPolicy()
            scenario.startKubelet(.allReady)
            try await scenario.createDeployment("web", replicas: 2)
            try await scenario.setBudget(minAvailable: 2)
            try await scenario.waitForBudget(disruptionsAllowed: 0)
            let pod = try #require(try await scenario.pods(of: "web").first)
            let name = try #require(pod.metadata.name)
            _ = try await scenario.startOperator {
                $0.remediation = ["verificationWindow": "2s", "verificationPoll": "1s", "disruptionBudgetRetry": "2s", "maxAttempts": "10"]
            }

            try await scenario.requestAction("evict", .deletePod, target: scenario.target("Pod", name))
            let blocked = try await scenario.waitForExecuted("evict", reason: "BlockedByDisruptionBudget")
            #expect(blocked.status?.phase == .blocked, "\(Scenario.summary(blocked))")
            #expect(Scenario.condition("Executed", of: blocked)?.status == .false)
            #expect(blocked.status?.policy?.retryAfter != nil, "the retry time is in status")
            #expect(blocked.status?.execution?.message?.contains("PodDisruptionBudget") == true, "\(blocked.status?.execution?.message ?? "-")")
            #expect(try await scenario.podGone(name, uid: pod.metadata.uid) == false, "no pod was deleted")
            #expect(try await scenario.pods(of: "web").count == 2)
            try await scenario.waitForEvent("BlockedByDisruptionBudget", about: "evict")

            try await scenario.setBudget(minAvailable: 1)
            let done = try await scenario.waitForExecuted("evict", reason: "Succeeded")
            #expect(done.status?.execution?.message?.contains("evicted pod") == true, "\(done.status?.execution?.message ?? "-")")
            #expect(try await scenario.podGone(name, uid: pod.metadata.uid), "the pod was evicted once the budget allowed it")
            let entries = try await scenario.historyEntries(of: scenario.target("Pod", name))
            #expect(entries.last?.state == .succeeded, "\(entries.map { "\($0.actionId): \($0.state.rawValue)" })")
            #expect(entries.dropLast().allSatisfy { $0.state == .abandoned }, "blocked attempts changed nothing")
        }
    }
}
