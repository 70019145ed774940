import BallastAPI
import BallastCore
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

@Suite struct PolicyStatusComputationTests {
    typealias F = ReconcilerFixture

    static func status(
        _ policy: SafetyPolicy, executing: Int = 0, executedAt: [Date] = [], failures: [ActionName: FailureRun] = [:],
        now: Date = F.now
    ) -> SafetyPolicyStatus {
        PolicyStatusComputation.status(
            of: policy, counts: ScopeCounts(executing: executing, executedAt: executedAt), failures: failures, now: now)
    }

    @Test func aValidPolicyIsReadyWithItsCounts() throws {
        let policy = F.policy("default", SafetyPolicySpec(rateLimit: RateLimit(maxActions: 5, per: .minutes(30))))
        let status = Self.status(policy, executing: 2, executedAt: [F.ago(40), F.ago(20), F.ago(1), F.ago(-1)])
        #expect(status.observedGeneration == 3)
        #expect(status.executing == 2)
        #expect(status.actionsInWindow == 2, "only actions started within the last 30m and not in the future count")
        #expect(status.emergencyStop == EmergencyStopStatus(active: false, since: nil))
        #expect(status.circuitBreakers == nil)
        let ready = try #require(status.conditions?.condition(PolicyStatusComputation.readyCondition))
        #expect(ready.status == .true && ready.reason == "Valid" && ready.observedGeneration == 3)
        let stop = try #require(status.conditions?.condition(PolicyStatusComputation.emergencyStopCondition))
        #expect(stop.status == .false && stop.reason == "NotRequested")
    }

    @Test func anInvalidPolicyIsNotReadyAndNamesEveryField() throws {
        let spec = SafetyPolicySpec(
            rateLimit: RateLimit(maxActions: 10, per: .zero),
            oscillation: OscillationSettings(flapStartPercent: 20, flapStopPercent: 40))
        let ready = try #require(Self.status(F.policy("broken", spec)).conditions?.condition(PolicyStatusComputation.readyCondition))
        #expect(ready.status == .false)
        #expect(ready.reason == PolicyStatusComputation.invalidReason)
        #expect(ready.message.contains("spec.rateLimit.per"))
        #expect(ready.message.contains("spec.oscillation.flapStopPercent"))
    }

    @Test func theStopStartsNowKeepsItsSinceAndClearsWhenLifted() throws {
        let stop = SafetyPolicySpec(emergencyStop: EmergencyStop(enabled: true, reason: "INC-1", by: "alice"))
        let first = Self.status(F.policy("freeze", stop))
        #expect(first.emergencyStop == EmergencyStopStatus(active: true, since: F.now))
        let condition = try #require(first.conditions?.condition(PolicyStatusComputation.emergencyStopCondition))
        #expect(condition.status == .true && condition.message == "emergency stop requested by alice: INC-1")

        let later = Self.status(F.policy("freeze", stop, status: first), now: F.now.addingTimeInterval(600))
        #expect(later == first, "nothing changed: the same status, since and transition times included")

        let lifted = Self.status(
            F.policy("freeze", SafetyPolicySpec(emergencyStop: EmergencyStop(enabled: false)), status: first),
            now: F.now.addingTimeInterval(900))
        #expect(lifted.emergencyStop == EmergencyStopStatus(active: false, since: nil))
        #expect(lifted.conditions?.condition(PolicyStatusComputation.emergencyStopCondition)?.lastTransitionTime
            == F.now.addingTimeInterval(900))
    }

    @Test func breakersFollowThePolicySettings() {
        let runs: [ActionName: FailureRun] = [.restartDeployment: FailureRun(consecutiveFailures: 2, lastFailureAt: F.ago(5))]
        #expect(Self.status(F.policy("default"), failures: runs).circuitBreakers == nil, "3 failures open the default breaker")
        let strict = F.policy("strict", SafetyPolicySpec(circuitBreaker: CircuitBreakerSettings(consecutiveFailures: 2, openFor: .minutes(10))))
        #expect(Self.status(strict, failures: runs).circuitBreakers == [
            CircuitBreakerStatus(action: .restartDeployment, state: .open, until: F.ago(-5), failures: 2),
        ])
    }

    @Test(arguments: [
        (nil, "emergency stop requested"), ("alice", "emergency stop requested by alice"),
    ] as [(String?, String)])
    func theStopDescriptionLeavesOutWhatIsUnset(by: String?, text: String) {
        #expect(PolicyStatusComputation.stopDescription(EmergencyStop(enabled: true, by: by)) == text)
        #expect(PolicyStatusComputation.stopDescription(EmergencyStop(enabled: true, reason: "why", by: by)) == text + ": why")
    }
}

@Suite struct PolicyTransitionsTests {
    typealias F = ReconcilerFixture

    static func status(active: Bool = false, breakers: [CircuitBreakerStatus]? = nil, errors: String? = nil) -> SafetyPolicyStatus {
        var conditions: [Condition] = []
        conditions.set(
            PolicyStatusComputation.readyCondition, status: errors == nil ? .true : .false,
            reason: errors == nil ? "Valid" : "InvalidSpec", message: errors ?? "ok", observedGeneration: 1, now: F.now)
        return SafetyPolicyStatus(
            emergencyStop: EmergencyStopStatus(active: active, since: active ? F.now : nil), circuitBreakers: breakers,
            conditions: conditions)
    }

    static func reasons(_ old: SafetyPolicyStatus?, _ new: SafetyPolicyStatus) -> [String] {
        PolicyTransitions.events(from: old, to: new, stop: EmergencyStop(enabled: true, reason: "INC-9", by: "bob")).map(\.reason)
    }

    @Test func anUnchangedStatusRecordsNothing() {
        let status = Self.status(active: true, breakers: [CircuitBreakerStatus(action: .deletePod, state: .open)], errors: "bad")
        #expect(Self.reasons(status, status).isEmpty)
    }

    @Test func theStopIsAnnouncedWithReasonAndAuthorAndItsLiftingToo() throws {
        let events = PolicyTransitions.events(
            from: Self.status(), to: Self.status(active: true), stop: EmergencyStop(enabled: true, reason: "INC-9", by: "bob"))
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.type == .warning && event.reason == "EmergencyStopActivated")
        #expect(event.message.contains("bob") && event.message.contains("INC-9"))
        #expect(Self.reasons(nil, Self.status(active: true)) == ["EmergencyStopActivated"])
        #expect(Self.reasons(Self.status(active: true), Self.status()) == ["EmergencyStopLifted"])
    }

    @Test func breakersOpeningHalfOpeningAndClosingAreEachAnnounced() {
        let open = CircuitBreakerStatus(action: .restartDeployment, state: .open, until: F.ago(-30), failures: 3)
        let half = CircuitBreakerStatus(action: .restartDeployment, state: .halfOpen, failures: 3)
        #expect(Self.reasons(Self.status(), Self.status(breakers: [open])) == ["CircuitBreakerOpened"])
        #expect(Self.reasons(Self.status(breakers: [open]), Self.status(breakers: [half])) == ["CircuitBreakerHalfOpen"])
        #expect(Self.reasons(Self.status(breakers: [half]), Self.status(breakers: [open])) == ["CircuitBreakerOpened"])
        #expect(Self.reasons(Self.status(breakers: [half]), Self.status()) == ["CircuitBreakerClosed"])
        let message = PolicyTransitions.events(from: Self.status(), to: Self.status(breakers: [open]), stop: nil).first?.message
        #expect(message == "restart_deployment: circuit breaker opened after 3 consecutive failures; denied until 2026-11-18T11:36:40Z")
    }

    @Test func anInvalidSpecIsAnnouncedWhenItBecomesInvalidOrItsErrorsChange() {
        #expect(Self.reasons(Self.status(), Self.status(errors: "spec.rateLimit.per: must be longer than 0s")) == ["InvalidSpec"])
        #expect(Self.reasons(Self.status(errors: "a"), Self.status(errors: "b")) == ["InvalidSpec"])
        #expect(Self.reasons(Self.status(errors: "a"), Self.status()).isEmpty)
    }
}
