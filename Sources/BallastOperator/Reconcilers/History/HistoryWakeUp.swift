import BallastAPI
import BallastCore
import Foundation
import KubeTypes

/// When an ActionHistory's recomputed status can next change with nothing new recorded: the
/// instant the ActionHistory reconciler asks to look again (pure).
///
/// Between two writes of entries or alert observations, ``HistoryStatus/recompute(_:policyOscillation:now:)``
/// depends on `now` only through windows anchored at recorded timestamps:
/// - retention: a finished entry or an observation is dropped at its time + `maxAge`;
/// - the analysis window: an entry leaves the detectors' view at its start + `window`;
/// - cascades: alerts count for `cascadeWindow` after an action;
/// - blocking: a pattern stops blocking at `blockedUntil`;
/// - flapping: the 20 sampled intervals move at every epoch-aligned `flapInterval` boundary,
///   which matters only while an alert changed state within the last 21 intervals;
/// - anything recorded in the future (clock skew) enters the view at its own time.
///
/// Guarantees: the result is the earliest of these instants at or after `now` (windows include
/// their bounds, so an instant equal to `now` still changes the status just after it), or `nil`
/// when none lies ahead (the status is final until something is recorded). Nothing changes
/// strictly between `now` and the result, so waking up just after it misses nothing; waking up
/// without a change costs a recompute and no write.
public enum HistoryWakeUp {
    /// The next instant, from `now` on, after which `status` (as recomputed at `now`) may change.
    /// - Parameters:
    ///   - status: the recomputed status (entries already pruned).
    ///   - retention: the history's effective retention.
    ///   - thresholds: the effective oscillation settings.
    public static func next(
        after now: Date, status: ActionHistoryStatus, retention: Retention, thresholds: OscillationThresholds
    ) -> Date? {
        var candidates: [Date] = []
        for entry in status.entries ?? [] {
            candidates.append(entry.startedAt)
            if entry.state != .pending {  // an action in flight is never pruned
                candidates.append(entry.startedAt.addingTimeInterval(retention.maxAge.timeInterval))
            }
            candidates.append(entry.startedAt.addingTimeInterval(thresholds.window.timeInterval))
            candidates.append(entry.startedAt.addingTimeInterval(thresholds.cascadeWindow.timeInterval))
        }
        let alerts = status.alerts ?? []
        for alert in alerts {
            candidates.append(alert.at)
            candidates.append(alert.at.addingTimeInterval(retention.maxAge.timeInterval))
        }
        candidates += (status.patterns ?? []).compactMap(\.blockedUntil)
        let interval = thresholds.flapInterval.timeInterval
        if interval > 0, let latest = alerts.map(\.at).filter({ $0 <= now }).max(),
            now.timeIntervalSince(latest) < interval * Double(FlapDetector.transitions + 1)
        {
            candidates.append(Date(timeIntervalSince1970: ((now.timeIntervalSince1970 / interval).rounded(.down) + 1) * interval))
        }
        return candidates.filter { $0 >= now }.min()
    }
}
