import BallastAPI
import Foundation
import KubeTypes

/// The most recent unbroken run of failures of one action type.
public struct FailureRun: Sendable, Hashable {
    /// Failures since the last success.
    public var consecutiveFailures: Int
    /// When the newest of them started; `nil` when there are none.
    public var lastFailureAt: Date?
    /// When the newest `Pending` entry of the action started (an attempt in flight); `nil`
    /// when none is. A half-open breaker lets one trial through: this is how a check sees it.
    public var newestPendingAt: Date?

    /// Creates a run.
    public init(consecutiveFailures: Int, lastFailureAt: Date?, newestPendingAt: Date? = nil) {
        self.consecutiveFailures = consecutiveFailures
        self.lastFailureAt = lastFailureAt
        self.newestPendingAt = newestPendingAt
    }

    /// The trailing run of `Failed` entries of `action` in `entries` (any order): counting stops
    /// at the newest `Succeeded` one; Pending, DryRun and Abandoned entries neither count nor
    /// reset, so an unverified attempt cannot close a breaker. ``newestPendingAt`` is the
    /// newest Pending entry of `action`, wherever it stands.
    public static func from(_ entries: [ActionEntry], action: ActionName) -> FailureRun {
        FailureRun(Timeline(entries: entries, alerts: []).steps, action: action)
    }

    /// The same over steps already in canonical order.
    init(_ steps: [Step], action: ActionName) {
        self.init(consecutiveFailures: 0, lastFailureAt: nil)
        var counting = true
        for step in steps.reversed() where step.action == action {
            if step.state == .pending { newestPendingAt = max(newestPendingAt ?? step.startedAt, step.startedAt) }
            guard counting else { continue }
            if step.state == .succeeded {
                counting = false
                continue
            }
            guard step.state == .failed else { continue }
            consecutiveFailures += 1
            lastFailureAt = max(lastFailureAt ?? step.startedAt, step.startedAt)
        }
    }

    /// Whether a trial of a half-open breaker is in flight: an attempt of the action started
    /// after the newest failure and less than `openFor` ago (an older one is taken as lost —
    /// its outcome would have arrived — so a crashed trial cannot hold the breaker forever).
    public func trialInFlight(openFor: GoDuration, now: Date) -> Bool {
        guard let pending = newestPendingAt, let last = lastFailureAt else { return false }
        return pending > last && now < pending.addingTimeInterval(openFor.timeInterval)
    }
}

/// The per-action-type circuit breaker, as a pure function of a failure run and `now`:
/// open while `consecutiveFailures ≥ threshold` and `now < lastFailureAt + openFor`, then
/// half-open (one trial is allowed — further attempts wait while it is in flight, see
/// ``FailureRun/trialInFlight(openFor:now:)`` — its success closes the breaker, its failure
/// re-opens it for another `openFor`, because the run then ends in a newer failure).
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

extension CircuitBreaker {
    /// The breakers to report in SafetyPolicy `status.circuitBreakers`: every action type whose
    /// breaker is not closed, sorted by action name.
    public static func statuses(
        of runs: [ActionName: FailureRun], settings: CircuitBreakerSettings, now: Date
    ) -> [CircuitBreakerStatus] {
        runs.keys.sorted().compactMap { action in
            guard let run = runs[action] else { return nil }
            let breaker = state(of: run, settings: settings, now: now)
            guard breaker.state != .closed else { return nil }
            return CircuitBreakerStatus(
                action: action, state: breaker.state, until: breaker.until, failures: run.consecutiveFailures)
        }
    }
}
