import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastCore

@Suite struct RetentionAndBreakerTests {
    @Test func retentionDropsOldEntriesThenKeepsTheNewest() {
        let retention = Retention(RetentionSettings(maxEntries: 2, maxAge: .hours(1)))
        let entries = [90.0, 50, 40, 30].map { Fixture.entry(.restartDeployment, at: $0) }
        let kept = retention.prune(entries.reversed(), now: Fixture.now)
        #expect(kept.map(\.startedAt) == [Fixture.ago(40), Fixture.ago(30)])
        #expect(Retention(nil).maxEntries == 100)
        #expect(Retention(nil).maxAge == .hours(720))
        #expect(Retention(RetentionSettings(maxEntries: -3)).prune(entries, now: Fixture.now).isEmpty)
    }

    @Test func retentionNeverPrunesAnActionInFlight() {
        let retention = Retention(RetentionSettings(maxEntries: 2, maxAge: .hours(1)))
        let inFlight = Fixture.entry(.restartDeployment, at: 90, state: .pending)
        let finished = [50.0, 40, 30].map { Fixture.entry(.restartDeployment, at: $0) }
        let kept = retention.prune(finished + [inFlight], now: Fixture.now)
        #expect(kept.map(\.startedAt) == [Fixture.ago(90), Fixture.ago(30)], "the old intent stays; one finished entry fits beside it")
        let crowded = retention.prune((0..<3).map { Fixture.entry(.scaleDeployment, at: Double(10 + $0), state: .pending) } + finished, now: Fixture.now)
        #expect(crowded.count == 3)
        #expect(crowded.allSatisfy { $0.state == .pending })
    }

    @Test func failureRunCountsTrailingFailuresOnly() {
        let entries = [
            Fixture.entry(.restartDeployment, at: 50, state: .failed),
            Fixture.entry(.restartDeployment, at: 40, state: .succeeded),
            Fixture.entry(.restartDeployment, at: 30, state: .failed),
            Fixture.entry(.restartDeployment, at: 20, state: .dryRun),
            Fixture.entry(.restartDeployment, at: 10, state: .failed),
            Fixture.entry(.scaleDeployment, at: 5, state: .failed),
        ]
        let run = FailureRun.from(entries.shuffled(), action: .restartDeployment)
        #expect(run == FailureRun(consecutiveFailures: 2, lastFailureAt: Fixture.ago(10)))
    }

    @Test(arguments: [
        (3, 10.0, CircuitState.open, 20.0 as Double?),
        (2, 10.0, .closed, nil),
        (3, 30.0, .halfOpen, nil),   // open for exactly 30m: at now it has just become half-open
        (5, 29.0, .open, 1.0),
    ])
    func breakerStates(failures: Int, lastMinutesAgo: Double, state: CircuitState, openForMoreMinutes: Double?) {
        let run = FailureRun(consecutiveFailures: failures, lastFailureAt: Fixture.ago(lastMinutesAgo))
        let result = CircuitBreaker.state(of: run, settings: PolicyDefaults.circuitBreaker, now: Fixture.now)
        #expect(result.state == state)
        #expect(result.until == openForMoreMinutes.map { Fixture.now.addingTimeInterval($0 * 60) })
    }

    @Test func clusterFailureRunsOverrideTheTargetHistory() {
        let cluster = ClusterState(
            counts: ["p": ScopeCounts(executing: 0, executedAt: [])],
            failures: [.restartDeployment: FailureRun(consecutiveFailures: 4, lastFailureAt: Fixture.ago(5))])
        let verdict = PolicyEvaluator.evaluate(
            Fixture.proposal(), history: TargetHistory(), policies: [Fixture.policy("p")], cluster: cluster, now: Fixture.now)
        #expect(verdict.has(.circuitOpen))
        #expect(verdict.retryAfter == Fixture.now.addingTimeInterval(25 * 60))
    }

    /// Half-open (default breaker: 3 failures, open for 30 m; the last failure 40 m ago): one
    /// trial goes through; while it is in flight (Pending, started after the failure, less than
    /// `openFor` ago) the next attempt waits, without a retryAfter — the trial's outcome decides.
    @Test(arguments: [
        (nil as Double?, false), (10.0, true), (29.0, true), (45.0, false), (31.0, false),
    ])
    func halfOpenBreakerLetsOneTrialThrough(pendingMinutesAgo: Double?, denied: Bool) {
        let run = FailureRun(
            consecutiveFailures: 3, lastFailureAt: Fixture.ago(40), newestPendingAt: pendingMinutesAgo.map(Fixture.ago))
        #expect(CircuitBreaker.state(of: run, settings: PolicyDefaults.circuitBreaker, now: Fixture.now).state == .halfOpen)
        let cluster = ClusterState(counts: ["p": ScopeCounts(executing: 0, executedAt: [])], failures: [.restartDeployment: run])
        let verdict = PolicyEvaluator.evaluate(
            Fixture.proposal(), history: TargetHistory(), policies: [Fixture.policy("p")], cluster: cluster, now: Fixture.now)
        #expect(verdict.has(.circuitOpen) == denied)
        if denied {
            #expect(verdict.retryAfter == nil)
            #expect(verdict.reasons.first { $0.code == .circuitOpen }?.message.contains("trial run") == true)
        }
    }

    @Test func aPendingEntryIsTheTrialOfItsAction() {
        let entries = [
            Fixture.entry(.restartDeployment, at: 50, state: .failed),
            Fixture.entry(.restartDeployment, at: 45, state: .failed),
            Fixture.entry(.restartDeployment, at: 5, state: .pending),
            Fixture.entry(.scaleDeployment, at: 2, state: .pending),
        ]
        let run = FailureRun.from(entries.shuffled(), action: .restartDeployment)
        #expect(run == FailureRun(consecutiveFailures: 2, lastFailureAt: Fixture.ago(45), newestPendingAt: Fixture.ago(5)))
    }

    @Test func policyValidationNamesTheField() {
        let spec = SafetyPolicySpec(
            minConfidence: 2, maxConcurrent: -1, rateLimit: RateLimit(maxActions: 1, per: .zero),
            oscillation: OscillationSettings(flapStartPercent: 10, flapStopPercent: 20),
            circuitBreaker: CircuitBreakerSettings(consecutiveFailures: 0, openFor: .minutes(1)),
            actions: [ActionPolicy(name: .scaleDeployment, limits: ["maxReplica": 3]), ActionPolicy(name: .scaleDeployment)])
        #expect(spec.validationErrors() == [
            "spec.minConfidence: 2.0 is outside 0...1",
            "spec.maxConcurrent: -1 is negative",
            "spec.rateLimit.per: must be longer than 0s",
            "spec.circuitBreaker.consecutiveFailures: 0 must be at least 1",
            "spec.oscillation.flapStopPercent: 20.0 is above flapStartPercent 10.0",
            "spec.actions[0].limits: scale_deployment: policy limit \"maxReplica\" is not defined; use one of maxReplicas, minReplicas, maxStep",
            "spec.actions[1].name: scale_deployment is listed twice",
        ])
        #expect(SafetyPolicySpec().validationErrors().isEmpty)
    }
}
