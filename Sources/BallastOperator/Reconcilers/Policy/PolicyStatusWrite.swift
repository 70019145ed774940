import BallastAPI

/// Whether a changed SafetyPolicy status is written now or a little later (pure).
///
/// The emergency stop, breakers, validity and observed generation are written at once: people
/// and `kubectl ballast stop` wait for them. The two counters (`executing`, `actionsInWindow`)
/// move with every remediation; a change of only those is written at most once per
/// `minimumInterval` per policy, so a burst of remediations costs a few status writes instead of
/// one per phase change. The counters are informational: the policy check reads the caches,
/// never this status.
public enum PolicyStatusWrite: Sendable, Hashable {
    /// Nothing changed: no write.
    case skip
    /// Write now.
    case write
    /// Only the counters changed and the last write was recent: look again after this delay.
    case postpone(Duration)

    /// The decision for going from `old` to `new`.
    /// - Parameters:
    ///   - sinceLastWrite: time since this policy's status was last written by this process;
    ///     `nil` when it was not.
    ///   - minimumInterval: the least time between two counter-only writes.
    public static func decide(
        old: SafetyPolicyStatus?, new: SafetyPolicyStatus, sinceLastWrite: Duration?,
        minimumInterval: Duration = .seconds(1)
    ) -> PolicyStatusWrite {
        guard old != new else { return .skip }
        var countersOnly = new
        countersOnly.executing = old?.executing
        countersOnly.actionsInWindow = old?.actionsInWindow
        guard countersOnly == old, let since = sinceLastWrite, since < minimumInterval else { return .write }
        return .postpone(minimumInterval - since)
    }
}
