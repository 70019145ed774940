import BallastAPI
import BallastCore
import Foundation
import KubeTypes

/// When a SafetyPolicy's status can next change with nothing new recorded (pure).
///
/// With no request changing phase and no entry recorded, only time moves the status: an open
/// breaker turns half-open at its `until`, `actionsInWindow` drops when the oldest action in
/// the window leaves it (at its start + `rateLimit.per`), and grows when an action recorded
/// ahead of `now` (clock skew) starts.
///
/// Guarantees: the earliest such instant strictly after `now`, or `nil` when none lies ahead.
public enum PolicyWakeUp {
    /// The next instant after `now` at which `status` may change on its own.
    /// - Parameters:
    ///   - status: the status just computed at `now`.
    ///   - executedAt: start times of the actions counted for the policy.
    ///   - window: the policy's effective `rateLimit.per`.
    public static func next(after now: Date, status: SafetyPolicyStatus, executedAt: [Date], window: GoDuration) -> Date? {
        let breakers = (status.circuitBreakers ?? []).filter { $0.state == .open }.compactMap(\.until)
        let expiries = executedAt.map { $0.addingTimeInterval(window.timeInterval) }
        // An action recorded ahead of `now` (clock skew) enters the window at its own time.
        return (breakers + executedAt + expiries).filter { $0 > now }.min()
    }
}
