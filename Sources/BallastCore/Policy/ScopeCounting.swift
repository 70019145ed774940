import BallastAPI
import Foundation
import KubeTypes

/// Builds the cluster-wide counts the policy check reads (``ClusterState``) from the operator's
/// caches: a pure function of the policies, the requests, the histories and `now`.
///
/// Guarantees:
/// - Every policy gets counts, and so do the built-in defaults (``PolicyDefaults/name``), so no
///   policy ever fails closed for lack of them.
/// - A remediation counts as *executing* in a policy's scope while its request is in phase
///   `Executing` and its target's namespace is covered by the policy.
/// - An action counts in a policy's rate window when its ActionHistory entry may have changed
///   the target (Pending, Succeeded or Failed — never DryRun or Abandoned), it started within
///   the policy's `rateLimit.per` before `now`, and the history's target is covered. Dry runs
///   do not count: a cluster in DryRun mode is not throttled by its own rehearsals.
/// - Failure runs are per action type across every history, as circuit breakers are
///   cluster-wide (``FailureRun/from(_:action:)`` over all entries of that action).
public enum ScopeCounting {
    /// The counts for `policies` (and the defaults) at `now`.
    /// - Parameter namespaceLabels: the labels of a namespace by name; `nil` for unknown or
    ///   cluster-scoped (a cluster-scoped target is covered by policies without a selector).
    public static func clusterState(
        policies: [SafetyPolicy], requests: [RemediationRequest], histories: [ActionHistory],
        namespaceLabels: (String?) -> [String: String]?, now: Date
    ) -> ClusterState {
        let effective = policies.map(EffectivePolicy.init) + [EffectivePolicy(PolicyDefaults.policy)]
        let executingNamespaces: [String?] = requests.filter { $0.status?.phase == .executing }
            .map { $0.status?.target?.namespace ?? $0.metadata.namespace }
        var counts: [String: ScopeCounts] = [:]
        for policy in effective {
            func covers(_ namespace: String?) -> Bool { policy.covers(namespaceLabels: namespaceLabels(namespace)) }
            let windowStart = now.addingTimeInterval(-policy.rateLimit.per.timeInterval)
            let executedAt = histories.filter { covers($0.spec.target.namespace) }.flatMap { history in
                (history.status?.entries ?? []).filter { $0.state.mayHaveMutated && $0.startedAt > windowStart }
                    .map(\.startedAt)
            }
            counts[policy.name] = ScopeCounts(
                executing: executingNamespaces.filter(covers).count, executedAt: executedAt.sorted())
        }
        return ClusterState(counts: counts, failures: failureRuns(histories))
    }

    /// The trailing failure run of every action type across all `histories`.
    public static func failureRuns(_ histories: [ActionHistory]) -> [ActionName: FailureRun] {
        let entries = histories.flatMap { $0.status?.entries ?? [] }
        let actions = Set(entries.map(\.action))
        return Dictionary(uniqueKeysWithValues: actions.map { ($0, FailureRun.from(entries, action: $0)) })
    }

    /// The names of the policies covering `namespace` whose emergency stop is enabled, sorted.
    /// Empty when nothing stops work there.
    public static func emergencyStops(
        policies: [SafetyPolicy], namespace: String?, namespaceLabels: (String?) -> [String: String]?
    ) -> [String] {
        PolicyEvaluator.covering(policies, namespaceLabels: namespaceLabels(namespace))
            .filter(\.emergencyStop).map(\.name).sorted()
    }
}
