import Foundation

/// Turns "look again at this instant" into the delay a reconciler returns with
/// `ReconcileResult.requeue(after:)`.
public enum WakeUpDelay {
    /// How long to wait from `now` until just past `instant` (windows include their bounds, so
    /// a change happens only after the instant itself): the span rounded up to the millisecond
    /// plus one, and at least `minimum`, so that rounding can never cause a tight loop.
    public static func until(_ instant: Date, from now: Date, minimum: Duration = .milliseconds(500)) -> Duration {
        let milliseconds = Int64((instant.timeIntervalSince(now) * 1000).rounded(.up)) + 1
        return max(minimum, .milliseconds(milliseconds))
    }
}
