import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastCore

@Suite struct HistoryStatusTests {
    static func history(_ entries: [ActionEntry], total: Int64 = 0, retention: RetentionSettings? = nil) -> ActionHistory {
        ActionHistory(
            metadata: ObjectMeta(name: "deployment-web", namespace: "shop", generation: 2),
            spec: ActionHistorySpec(target: Fixture.deployment, retention: retention),
            status: ActionHistoryStatus(entries: entries, summary: HistorySummary(totalActions: total)))
    }

    @Test func oscillatingHistoryGetsPatternsSummaryAndCondition() throws {
        let entries = [Fixture.scale(3, 6, at: 50), Fixture.scale(6, 3, at: 40), Fixture.scale(3, 6, at: 30),
                       Fixture.scale(6, 3, at: 20), Fixture.scale(3, 6, at: 10)].reversed()
        let status = HistoryStatus.recompute(Self.history(Array(entries), total: 40), now: Fixture.now)
        #expect(status.entries?.map(\.startedAt) == [50.0, 40, 30, 20, 10].map(Fixture.ago))
        // Five scales at 0.2 are both a Critical oscillation and a Critical ineffective loop;
        // equal severities are ordered by type name.
        #expect(status.patterns?.map(\.type) == [.ineffectiveLoop, .scaleOscillation])
        #expect(status.patterns?.allSatisfy { $0.severity == .critical } == true)
        #expect(status.summary?.totalActions == 40)
        #expect(status.summary?.lastActionAt == Fixture.ago(10))
        #expect(abs((status.summary?.effectiveness?.overall ?? 0) - 0.2) < 1e-9)
        let condition = try #require(status.conditions?.condition(HistoryStatus.oscillatingCondition))
        #expect(condition.status == .true)
        #expect(condition.reason == "IneffectiveLoop")
        #expect(condition.observedGeneration == 2)
        #expect(status.observedGeneration == 2)
    }

    @Test func quietHistoryIsPrunedAndNotOscillating() {
        let entries = [Fixture.entry(.restartDeployment, at: 90, effectiveness: 1), Fixture.entry(.restartDeployment, at: 10, effectiveness: 1)]
        let status = HistoryStatus.recompute(
            Self.history(entries, retention: RetentionSettings(maxEntries: 1)), now: Fixture.now)
        #expect(status.entries?.count == 1)
        #expect(status.summary?.totalActions == 1)
        #expect(status.patterns == [])
        #expect(status.conditions?.condition(HistoryStatus.oscillatingCondition)?.status == .false)
    }

    @Test func circuitBreakerStatusesListOnlyBreakersThatAreNotClosed() {
        let runs: [ActionName: FailureRun] = [
            .restartDeployment: FailureRun(consecutiveFailures: 3, lastFailureAt: Fixture.ago(10)),
            .deletePod: FailureRun(consecutiveFailures: 1, lastFailureAt: Fixture.ago(1)),
            .scaleDeployment: FailureRun(consecutiveFailures: 4, lastFailureAt: Fixture.ago(45)),
        ]
        let statuses = CircuitBreaker.statuses(of: runs, settings: PolicyDefaults.circuitBreaker, now: Fixture.now)
        #expect(statuses == [
            CircuitBreakerStatus(action: .restartDeployment, state: .open, until: Fixture.now.addingTimeInterval(20 * 60), failures: 3),
            CircuitBreakerStatus(action: .scaleDeployment, state: .halfOpen, until: nil, failures: 4),
        ])
    }
}
