import BallastAPI
import ClusterTestSupport
import Foundation
import KubeTypes
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The operator SIGKILLed at the worst moments — after recording intent, and after acting but
/// before recording the outcome — and restarted: the action is applied exactly once, the
/// ActionHistory holds one completed entry for it, and the request finishes. A fault test: it
/// kills the operator.
@Suite(.timeLimit(.minutes(3))) struct CrashRecoveryE2EFaultTests {
    @Test(arguments: ["after-intent", "after-execute"])
    func anActionInterruptedBySIGKILLIsAppliedExactlyOnceAfterTheRestart(faultPoint: String) async throws {
        try await Scenario.run("e2e-crash") { scenario in
            try await scenario.applyPolicy()
            scenario.startKubelet(.allReady)
            try await scenario.createDeployment("web", replicas: 2)
            let generationBefore = try #require(try await scenario.deployment("web").metadata.generation)

            let ballast = try await scenario.startOperator { $0.environment = ["BALLAST_FAULT_POINT": faultPoint] }
            try await scenario.requestAction("scale-up", .scaleDeployment, parameters: ["replicas": 3], on: "web")
            let exit = try await ballast.waitForExit(timeout: 30)
            #expect(exit.killed(by: SIGKILL), "the fault point killed the operator: \(exit)")

            let interrupted = try await scenario.request("scale-up")
            let actionId = try #require(interrupted.status?.execution?.actionId, "\(Scenario.summary(interrupted))")
            let pending = try await scenario.history(ofDeployment: "web")?.status?.entries?.filter { $0.actionId == actionId } ?? []
            #expect(pending.map(\.state) == [.pending], "intent recorded before the crash, outcome not: \(pending)")
            let replicasAtCrash = try await scenario.deployment("web").spec?.replicas
            #expect(replicasAtCrash == (faultPoint == "after-execute" ? 3 : 2))

            try await ballast.restart()
            let finished = try await scenario.waitForRequest("scale-up", in: [.completed, .failed, .escalated])
            #expect(finished.status?.phase == .completed, "\(Scenario.summary(finished))")
            #expect(finished.status?.execution?.result == .succeeded)
            let finalId = try #require(finished.status?.execution?.actionId)

            let deployment = try await scenario.deployment("web")
            #expect(deployment.spec?.replicas == 3)
            #expect(deployment.metadata.generation == generationBefore + 1, "exactly one write to the spec")
            #expect(deployment.metadata.annotations?["ballast.dev/last-action-id"] == finalId)
            let entries = try await scenario.history(ofDeployment: "web")?.status?.entries ?? []
            let states = entries.map { "\($0.actionId)=\($0.state.rawValue)" }
            #expect(Set(entries.map(\.actionId)).count == entries.count, "one entry per actionId: \(states)")
            #expect(!entries.contains { $0.state == .pending }, "every intent completed: \(states)")
            #expect(entries.filter { $0.state == .succeeded }.map(\.actionId) == [finalId], "one action applied: \(states)")
            if faultPoint == "after-execute" {
                #expect(finalId == actionId, "the applied action was adopted from the target's stamp, not run again")
            } else {
                // Nothing reached the target: the interrupted intent is abandoned, the next attempt runs.
                #expect(entries.first { $0.actionId == actionId }?.state == .abandoned, "\(states)")
                #expect(finalId != actionId)
            }
        }
    }
}
