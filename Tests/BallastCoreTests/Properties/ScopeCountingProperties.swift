import BallastAPI
import Foundation
import KubeTypes
import PropertyBased
import Testing
@testable import BallastCore

/// ``ScopeCounting`` works from ``HistoryDigest``s; these properties hold it to the plain
/// definition: every mutating entry of every covered history inside each window, and the
/// trailing failure run over all entries of an action in canonical order.
@Suite struct ScopeCountingProperties {
    static let namespaces: [String?] = ["shop", "batch", "other", nil]
    static let labels: [String: [String: String]] = ["shop": ["team": "shop"], "batch": ["team": "data"], "other": [:]]
    static func namespaceLabels(_ name: String?) -> [String: String]? { name.flatMap { labels[$0] } }

    /// Up to 6 histories in random namespaces; actionIds unique across them, as the operator's are.
    static let histories = zip(Gens.pick(namespaces), Gens.entries).array(of: 0...6).map { pairs in
        var seen = Set<String>()
        return pairs.enumerated().map { index, pair in
            let entries = pair.1.filter { seen.insert($0.actionId).inserted }
            let target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: pair.0, name: "web-\(index)")
            return ActionHistory(
                metadata: ObjectMeta(name: "deployment-web-\(index)", namespace: pair.0 ?? "ballast-system"),
                spec: ActionHistorySpec(target: target), status: ActionHistoryStatus(entries: entries))
        }
    }

    /// A policy for the shop team and one for everyone, each with a random rate window.
    static let policies = zip(Gen.int(in: 1...300), Gen.int(in: 1...300)).map { shopMinutes, allMinutes in
        [
            Fixture.policy("shop", SafetyPolicySpec(
                namespaceSelector: LabelSelector(matchLabels: ["team": "shop"]),
                rateLimit: RateLimit(maxActions: 5, per: .minutes(Int64(shopMinutes))))),
            Fixture.policy("all", SafetyPolicySpec(rateLimit: RateLimit(maxActions: 5, per: .minutes(Int64(allMinutes))))),
        ]
    }

    @Test func digestCountsEqualCountingEveryEntry() async {
        await propertyCheck(input: Self.policies, Self.histories) { policies, histories in
            let state = ScopeCounting.clusterState(
                policies: policies, requests: [], histories: histories, namespaceLabels: Self.namespaceLabels, now: Fixture.now)
            for policy in policies.map(EffectivePolicy.init) + [EffectivePolicy(PolicyDefaults.policy)] {
                let windowStart = Fixture.now.addingTimeInterval(-policy.rateLimit.per.timeInterval)
                let expected = histories
                    .filter { policy.covers(namespaceLabels: Self.namespaceLabels($0.spec.target.namespace)) }
                    .flatMap { ($0.status?.entries ?? []).filter { $0.state.mayHaveMutated && $0.startedAt > windowStart } }
                    .map(\.startedAt).sorted()
                #expect(state.counts[policy.name]?.executedAt == expected, "policy \(policy.name)")
            }
        }
    }

    @Test func digestFailureRunsEqualTheRunOverAllEntries() async {
        await propertyCheck(input: Self.histories) { histories in
            let entries = histories.flatMap { $0.status?.entries ?? [] }
            let expected = Dictionary(uniqueKeysWithValues: Set(entries.map(\.action)).map { ($0, FailureRun.from(entries, action: $0)) })
            #expect(ScopeCounting.failureRuns(histories) == expected)
        }
    }
}
