import Foundation
import KubeTypes
import Testing
@testable import ControllerRuntime

@Suite("Leader election decisions")
struct LeaseDecisionTests {
    let t0 = ContinuousClock.now
    let wall = Date(timeIntervalSince1970: 1_800_000_000)

    func step(_ observation: LeaseObservation, _ identity: String, at offset: Duration) -> LeaseStep {
        observation.step(identity: identity, leaseDuration: .seconds(15), leaseDurationSeconds: 15,
                         now: t0 + offset, wallClock: wall + offset.seconds)
    }

    @Test func noLeaseMeansCreate() {
        var observation = LeaseObservation()
        observation.observe(nil, now: t0)
        guard case .create(let spec) = step(observation, "me", at: .zero) else { Issue.record("no create"); return }
        #expect(spec.holderIdentity == "me")
        #expect(spec.leaseDurationSeconds == 15)
        #expect(spec.leaseTransitions == 0)
    }

    @Test func theHolderRenewsKeepingAcquireTime() {
        var observation = LeaseObservation()
        let held = LeaseSpec(holderIdentity: "me", leaseDurationSeconds: 15, acquireTime: MicroTime(wall), renewTime: MicroTime(wall), leaseTransitions: 2)
        observation.observe(held, now: t0)
        guard case .update(let spec) = step(observation, "me", at: .seconds(2)) else { Issue.record("no renew"); return }
        #expect(spec.acquireTime == MicroTime(wall))
        #expect(spec.renewTime == MicroTime(wall + 2))
        #expect(spec.leaseTransitions == 2)
    }

    @Test func othersWaitUntilTheRecordHasBeenUnchangedForTheLeaseDuration() {
        var observation = LeaseObservation()
        let held = LeaseSpec(holderIdentity: "other", leaseDurationSeconds: 15, renewTime: MicroTime(wall), leaseTransitions: 1)
        observation.observe(held, now: t0)
        #expect(step(observation, "me", at: .seconds(5)) == .heldByOther(holder: "other", retryIn: .seconds(10)))
        // The same record seen again does not restart the clock...
        observation.observe(held, now: t0 + .seconds(10))
        #expect(step(observation, "me", at: .seconds(14)) == .heldByOther(holder: "other", retryIn: .seconds(1)))
        guard case .update(let taken) = step(observation, "me", at: .seconds(15)) else { Issue.record("no takeover"); return }
        #expect(taken.holderIdentity == "me")
        #expect(taken.leaseTransitions == 2)
        // ...but a renewal does.
        var renewed = held
        renewed.renewTime = MicroTime(wall + 14)
        observation.observe(renewed, now: t0 + .seconds(14))
        #expect(step(observation, "me", at: .seconds(15)) == .heldByOther(holder: "other", retryIn: .seconds(14)))
    }

    @Test func aReleasedLeaseIsTakenAtOnce() {
        var observation = LeaseObservation()
        let held = LeaseSpec(holderIdentity: "other", leaseDurationSeconds: 15, renewTime: MicroTime(wall), leaseTransitions: 1)
        observation.observe(LeaseObservation.released(held, wallClock: wall), now: t0)
        guard case .update(let spec) = step(observation, "me", at: .zero) else { Issue.record("not taken"); return }
        #expect(spec.holderIdentity == "me")
    }

    @Test(arguments: [(9, false), (10, true), (11, true)])
    func aLeaderStepsDownAtTheRenewDeadline(secondsSinceRenewal: Int, stepDown: Bool) {
        #expect(LeaseObservation.mustStepDown(
            lastRenewal: t0, now: t0 + .seconds(secondsSinceRenewal), renewDeadline: .seconds(10)) == stepDown)
    }

    @Test func configurationRejectsUnsafeTimings() {
        #expect(throws: LeaderElectionConfigurationError.self) {
            try LeaderElectionConfiguration(namespace: "ns", name: "l", identity: "a", leaseDuration: .seconds(10), renewDeadline: .seconds(10))
        }
        #expect(throws: LeaderElectionConfigurationError.self) {
            try LeaderElectionConfiguration(namespace: "ns", name: "l", identity: "a", retryPeriod: .seconds(10))
        }
        #expect(throws: Never.self) { try LeaderElectionConfiguration(namespace: "ns", name: "l", identity: "a") }
    }
}
