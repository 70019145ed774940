import BallastAPI
import Foundation
import KubeTypes

/// The most recent unbroken run of failures of one action type.
public struct FailureRun: Sendable, Hashable {
    /// Failures since the last success.
    public var consecutiveFailures: Int
    /// When the newest of them started; `nil` when there are none.
    public var lastFailureAt: Date?

    /// Creates a run.
    public init(consecutiveFailures: Int, lastFailureAt: Date?) {
        self.consecutiveFailures = consecutiveFailures
        self.lastFailureAt = lastFailureAt
    }

    /// The trailing run of `Failed` entries of `action` in `entries` (any order): counting stops
    /// at the newest `Succeeded` one; Pending, DryRun and Abandoned entries neither count nor
    /// reset, so an unverified attempt cannot close a breaker.
    public static func from(_ entries: [ActionEntry], action: ActionName) -> FailureRun {
        var run = FailureRun(consecutiveFailures: 0, lastFailureAt: nil)
        for entry in entries.filter({ $0.action == action }).sorted(by: ActionEntry.canonicalOrder).reversed() {
            if entry.state == .succeeded { break }
            guard entry.state == .failed else { continue }
            run.consecutiveFailures += 1
            run.lastFailureAt = max(run.lastFailureAt ?? entry.startedAt, entry.startedAt)
        }
        return run
    }
}

/// The per-action-type circuit breaker, as a pure function of a failure run and `now`:
/// open while `consecutiveFailures ≥ threshold` and `now < lastFailureAt + openFor`, then
/// half-open (one trial is allowed; its success closes the breaker, its failure re-opens it for
/// another `openFor`, because the run then ends in a newer failure).
public enum CircuitBreaker {
    /// The breaker's state and, when open, when it becomes half-open.
    public static func state(
        of run: FailureRun, settings: CircuitBreakerSettings, now: Date
    ) -> (state: CircuitState, until: Date?) {
        guard run.consecutiveFailures >= settings.consecutiveFailures, let last = run.lastFailureAt else {
            return (.closed, nil)
        }
        let until = last.addingTimeInterval(settings.openFor.timeInterval)
        return now < until ? (.open, until) : (.halfOpen, nil)
    }
}
