import BallastAPI
import BallastCore
import Foundation
import KubeTypes
import PropertyBased
import Testing
@testable import BallastOperator

/// A policy's status does not change on its own strictly before ``PolicyWakeUp``'s instant.
@Suite struct PolicyWakeUpPropertyTests {
    typealias F = ReconcilerFixture

    /// Start times within the last 90 minutes (some a little ahead), in seconds.
    static let executed = Gen.int(in: -60...5_400).array(of: 0...10)
    /// Failure runs of two actions: count and how many seconds ago the last one started.
    static let runs = zip(Gen.int(in: 0...5), Gen.int(in: 0...3_600), Gen.int(in: 0...5), Gen.int(in: 0...3_600))

    @Test func nothingChangesBeforeTheWakeUp() async {
        let policy = F.policy("p", SafetyPolicySpec(
            rateLimit: RateLimit(maxActions: 5, per: .minutes(45)),
            circuitBreaker: CircuitBreakerSettings(consecutiveFailures: 2, openFor: .minutes(20))))
        await propertyCheck(count: 300, input: Self.executed, Self.runs, Gen.double(in: 0.001...0.999)) { seconds, runs, fraction in
            let executedAt = seconds.map { F.now.addingTimeInterval(-Double($0)) }
            let failures: [ActionName: FailureRun] = [
                .deletePod: FailureRun(consecutiveFailures: runs.0, lastFailureAt: F.now.addingTimeInterval(-Double(runs.1))),
                .cordonNode: FailureRun(consecutiveFailures: runs.2, lastFailureAt: F.now.addingTimeInterval(-Double(runs.3))),
            ]
            let counts = ScopeCounts(executing: 1, executedAt: executedAt)
            let atNow = PolicyStatusComputation.status(of: policy, counts: counts, failures: failures, now: F.now)
            let next = PolicyWakeUp.next(after: F.now, status: atNow, executedAt: executedAt, window: .minutes(45))
            let horizon = next.map { $0.timeIntervalSince(F.now) } ?? 86_400
            let later = PolicyStatusComputation.status(
                of: policy, counts: counts, failures: failures, now: F.now.addingTimeInterval(horizon * fraction))
            #expect(later.actionsInWindow == atNow.actionsInWindow)
            #expect(later.circuitBreakers == atNow.circuitBreakers)
        }
    }
}
