import BallastAPI
import Foundation
import KubeTypes
import PropertyBased
import Testing
@testable import BallastCore

@Suite struct PolicyProperties {
    @Test func emergencyStopDeniesEveryMutatingActionWhateverElseHolds() async {
        await propertyCheck(input: Gens.proposal, Gens.specs, Gens.entries, Gens.cluster) { proposal, specs, entries, cluster in
            let stop = Fixture.policy("extra", SafetyPolicySpec(emergencyStop: EmergencyStop(enabled: true)))
            let verdict = PolicyEvaluator.evaluate(
                proposal, history: TargetHistory(entries: entries), policies: Gens.policies(specs) + [stop],
                cluster: cluster, now: Fixture.now)
            #expect(verdict.decision == .denied)
            #expect(verdict.has(.emergencyStop))
            #expect(verdict.retryAfter == nil)
        }
    }

    @Test func addingAPolicyNeverWeakensAVerdict() async {
        await propertyCheck(input: Gens.proposal, Gens.specs, Gens.spec, Gens.entries, Gens.cluster) { proposal, specs, extra, entries, cluster in
            let history = TargetHistory(entries: entries)
            let base = PolicyEvaluator.evaluate(
                proposal, history: history, policies: Gens.policies(specs), cluster: cluster, now: Fixture.now)
            let more = PolicyEvaluator.evaluate(
                proposal, history: history, policies: Gens.policies(specs) + [Fixture.policy("extra", extra)],
                cluster: cluster, now: Fixture.now)
            #expect(more.decision >= base.decision)
            // Every reason stays, with at least the same policies giving it.
            for reason in base.reasons {
                let kept = more.reasons.first {
                    $0.code == reason.code && $0.effect == reason.effect && $0.message == reason.message
                        && $0.retryAfter == reason.retryAfter
                }
                let sources = Set(reason.source.components(separatedBy: ", "))
                #expect(kept.map { sources.isSubset(of: Set($0.source.components(separatedBy: ", "))) } == true)
            }
            #expect(!base.dryRun || more.dryRun)
            if base.decision == .denied, let later = base.retryAfter {
                #expect(more.retryAfter.map { $0 >= later } ?? true)
            }
        }
    }

    @Test func coolingOffRetryAfterIsExact() async {
        await propertyCheck(input: Gen.int(in: 0...3599), Gen.int(in: 1...60)) { secondsAgo, windowMinutes in
            let last = Fixture.now.addingTimeInterval(-Double(secondsAgo))
            let policy = Fixture.policy("p", SafetyPolicySpec(coolingOff: CoolingOff(sameAction: .minutes(Int64(windowMinutes)), anyAction: .zero)))
            var entry = Fixture.entry(.restartDeployment, at: 0)
            entry.startedAt = last
            let until = last.addingTimeInterval(Double(windowMinutes) * 60)
            func cooling(at now: Date) -> VerdictReason? {
                PolicyEvaluator.evaluate(
                    Fixture.proposal(), history: TargetHistory(entries: [entry]), policies: [policy],
                    cluster: Fixture.quiet(["p"]), now: now
                ).reasons.first { $0.code == .coolingOff }
            }
            if Fixture.now < until {
                #expect(cooling(at: Fixture.now)?.retryAfter == until)
            } else {
                #expect(cooling(at: Fixture.now) == nil)
            }
            #expect(cooling(at: until.addingTimeInterval(-0.001))?.retryAfter == until)
            #expect(cooling(at: until) == nil)
        }
    }

    @Test func coolingOffRetryAfterIsMonotoneInTheLastActionTime() async {
        await propertyCheck(input: Gen.int(in: 0...599), Gen.int(in: 0...599)) { a, b in
            func retryAfter(secondsAgo: Int) -> Date? {
                var entry = Fixture.entry(.restartDeployment, at: 0)
                entry.startedAt = Fixture.now.addingTimeInterval(-Double(secondsAgo))
                return PolicyEvaluator.evaluate(
                    Fixture.proposal(), history: TargetHistory(entries: [entry]), policies: [Fixture.policy("p")],
                    cluster: Fixture.quiet(["p"]), now: Fixture.now
                ).reasons.first { $0.code == .coolingOff }?.retryAfter
            }
            let (older, newer) = (max(a, b), min(a, b))
            let first = retryAfter(secondsAgo: older)
            let second = retryAfter(secondsAgo: newer)
            #expect(first != nil && second != nil)
            if let first, let second { #expect(first <= second) }
        }
    }

    @Test func entriesOutsideRetentionNeverInfluenceAVerdict() async {
        await propertyCheck(input: Gens.proposal, Gens.specs, Gens.entries, Gens.entries, Gens.cluster) { proposal, specs, kept, stale, cluster in
            let retention = RetentionSettings(maxEntries: 100, maxAge: .hours(6))
            let old = stale.map { entry -> ActionEntry in
                var copy = entry
                copy.actionId = "old-" + entry.actionId
                copy.startedAt = entry.startedAt.addingTimeInterval(-6 * 3600 - 1)
                return copy
            }
            let policies = Gens.policies(specs)
            let clean = PolicyEvaluator.evaluate(
                proposal, history: TargetHistory(entries: kept, retention: retention), policies: policies, cluster: cluster, now: Fixture.now)
            let noisy = PolicyEvaluator.evaluate(
                proposal, history: TargetHistory(entries: kept + old, retention: retention), policies: policies, cluster: cluster, now: Fixture.now)
            #expect(clean == noisy)
        }
    }

    @Test func rateLimitRetryAfterIsExact() async {
        await propertyCheck(input: Gen.int(in: 0...7199).array(of: 1...30), Gen.int(in: 1...10)) { secondsAgo, maxActions in
            let policy = Fixture.policy("p", SafetyPolicySpec(rateLimit: RateLimit(maxActions: maxActions, per: .hours(1))))
            let executed = secondsAgo.map { Fixture.now.addingTimeInterval(-Double($0)) }
            func limited(at now: Date) -> VerdictReason? {
                PolicyEvaluator.evaluate(
                    Fixture.proposal(), history: TargetHistory(), policies: [policy],
                    cluster: ClusterState(counts: ["p": ScopeCounts(executing: 0, executedAt: executed)]), now: now
                ).reasons.first { $0.code == .rateLimited }
            }
            let inWindow = executed.filter { $0 > Fixture.now.addingTimeInterval(-3600) }.count
            guard let reason = limited(at: Fixture.now) else {
                #expect(inWindow < maxActions)
                return
            }
            #expect(inWindow >= maxActions)
            let until = try #require(reason.retryAfter)
            #expect(limited(at: until.addingTimeInterval(-0.001)) != nil)
            #expect(limited(at: until) == nil)
        }
    }

    @Test func entriesBeyondMaxEntriesNeverInfluenceAVerdict() async {
        await propertyCheck(input: Gens.proposal, Gens.specs, Gens.entries, Gens.cluster) { proposal, specs, entries, cluster in
            let retention = RetentionSettings(maxEntries: 10, maxAge: .hours(24))
            let newest = Retention(retention).prune(entries, now: Fixture.now)
            let older = entries.map { entry -> ActionEntry in
                var copy = entry
                copy.actionId = "older-" + entry.actionId
                if copy.state == .pending { copy.state = .succeeded }  // in-flight entries are never pruned
                copy.startedAt = (newest.first?.startedAt ?? Fixture.now).addingTimeInterval(-60)
                return copy
            }
            let policies = Gens.policies(specs)
            let base = PolicyEvaluator.evaluate(
                proposal, history: TargetHistory(entries: newest, retention: retention), policies: policies, cluster: cluster, now: Fixture.now)
            let padded = PolicyEvaluator.evaluate(
                proposal, history: TargetHistory(entries: newest + (newest.count == 10 ? older : []), retention: retention),
                policies: policies, cluster: cluster, now: Fixture.now)
            #expect(base == padded)
        }
    }
}
