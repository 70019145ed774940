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
        clusterState(
            policies: policies, requests: requests, digests: histories.map(HistoryDigest.init),
            namespaceLabels: namespaceLabels, now: now)
    }

    /// The same from the histories' digests (``HistoryDigest``), which a caller can keep
    /// between calls: the cost is then one binary search per history and policy, not a pass
    /// over every entry of every history.
    public static func clusterState(
        policies: [SafetyPolicy], requests: [RemediationRequest], digests: [HistoryDigest],
        namespaceLabels: (String?) -> [String: String]?, now: Date
    ) -> ClusterState {
        let effective = policies.map(EffectivePolicy.init) + [EffectivePolicy(PolicyDefaults.policy)]
        let executingNamespaces: [String?] = requests.filter { $0.status?.phase == .executing }
            .map { $0.status?.target?.namespace ?? $0.metadata.namespace }
        // Grouped by namespace, so each policy looks up each namespace's labels once.
        var startsByNamespace: [String?: [[Date]]] = [:]
        for digest in digests where !digest.mutatingStarts.isEmpty {
            startsByNamespace[digest.namespace, default: []].append(digest.mutatingStarts)
        }
        var counts: [String: ScopeCounts] = [:]
        for policy in effective {
            func covers(_ namespace: String?) -> Bool { policy.covers(namespaceLabels: namespaceLabels(namespace)) }
            let windowStart = now.addingTimeInterval(-policy.rateLimit.per.timeInterval)
            var executedAt: [Date] = []
            for (namespace, lists) in startsByNamespace where covers(namespace) {
                for starts in lists { executedAt += starts[firstIndex(after: windowStart, in: starts)...] }
            }
            counts[policy.name] = ScopeCounts(
                executing: executingNamespaces.filter(covers).count, executedAt: executedAt.sorted())
        }
        return ClusterState(counts: counts, failures: failureRuns(digests))
    }

    /// The trailing failure run of every action type across all `histories`.
    public static func failureRuns(_ histories: [ActionHistory]) -> [ActionName: FailureRun] {
        failureRuns(histories.map(HistoryDigest.init))
    }

    /// The same from the histories' digests: per action type, the failures after the newest
    /// success anywhere, and the newest attempt in flight anywhere.
    public static func failureRuns(_ digests: [HistoryDigest]) -> [ActionName: FailureRun] {
        var newestSuccess: [ActionName: EntryOrder] = [:]
        for digest in digests {
            for (action, tail) in digest.failureTails {
                guard let success = tail.newestSuccess else { continue }
                newestSuccess[action] = max(newestSuccess[action] ?? success, success)
            }
        }
        var runs: [ActionName: FailureRun] = [:]
        for digest in digests {
            for (action, tail) in digest.failureTails {
                var run = runs[action] ?? FailureRun(consecutiveFailures: 0, lastFailureAt: nil)
                if let pending = tail.newestPendingAt { run.newestPendingAt = max(run.newestPendingAt ?? pending, pending) }
                for failure in tail.failures where newestSuccess[action].map({ failure > $0 }) ?? true {
                    run.consecutiveFailures += 1
                    run.lastFailureAt = max(run.lastFailureAt ?? failure.startedAt, failure.startedAt)
                }
                runs[action] = run
            }
        }
        return runs
    }

    /// The index of the first of `starts` (ascending) later than `instant`.
    static func firstIndex(after instant: Date, in starts: [Date]) -> Int {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] > instant { high = middle } else { low = middle + 1 }
        }
        return low
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
