import BallastAPI
import Foundation
import KubeTypes

/// One oscillation finding: the pattern as recorded in ActionHistory status, plus the actions
/// it is about (an `Alternative` prevention refuses only those).
public struct Detection: Sendable, Hashable {
    /// The status record.
    public var pattern: DetectedPattern
    /// The actions involved; empty for patterns about the alert itself (flapping).
    public var actions: Set<ActionName>

    /// Creates a detection.
    public init(pattern: DetectedPattern, actions: Set<ActionName>) {
        self.pattern = pattern
        self.actions = actions
    }

    /// Whether this detection refuses `action` at `now`: stronger preventions refuse every
    /// mutating action until `blockedUntil`; `Alternative` refuses only the involved actions.
    public func refuses(_ action: ActionName, now: Date) -> Bool {
        guard let until = pattern.blockedUntil, now < until else { return false }
        return pattern.prevention != .alternative || actions.contains(action) || actions.isEmpty
    }

    /// Builds a detection with prevention and `blockedUntil` from `thresholds`.
    static func make(
        _ type: PatternType, severity: PatternSeverity, occurrences: Int, firstSeen: Date, lastSeen: Date,
        actions: Set<ActionName>, thresholds: OscillationThresholds, message: String
    ) -> Detection {
        let pattern = DetectedPattern(
            type: type, severity: severity, occurrences: occurrences, window: thresholds.window,
            firstSeen: firstSeen, lastSeen: lastSeen, prevention: thresholds.prevention(for: severity),
            blockedUntil: thresholds.blockedUntil(severity: severity, lastSeen: lastSeen), message: message)
        return Detection(pattern: pattern, actions: actions)
    }
}

extension ActionEntry {
    /// The entry's effectiveness for detection: failures count as 0, and an entry not yet scored
    /// counts as 0 too (fail safe: an unverified action is not assumed to have worked).
    var detectionEffectiveness: Double {
        state == .failed ? 0 : min(1, max(0, effectiveness ?? 0))
    }
}

/// The mean `total / count` rounded to 6 decimals, so that three runs of 0.7 average to exactly
/// 0.7 and compare with the detector tables as written; 0 when `count` is 0.
func roundedMean(total: Double, count: Int) -> Double {
    guard count > 0 else { return 0 }
    return (total / Double(count) * 1_000_000).rounded() / 1_000_000
}

/// Formats a score for messages with two decimals (`0.25`), without Foundation's formatter.
func score(_ value: Double) -> String { fixed(value, decimals: 2) }

/// `value` rounded to `decimals` (1 or 2) places, e.g. `fixed(55.263, decimals: 1)` = `55.3`.
func fixed(_ value: Double, decimals: Int) -> String {
    let scale = decimals == 1 ? 10 : 100
    let scaled = Int((abs(value) * Double(scale)).rounded())
    let fraction = String(scaled % scale)
    let padded = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
    return (value < 0 && scaled > 0 ? "-" : "") + "\(scaled / scale).\(padded)"
}

/// Formats an interval for messages as a Go duration (`70m` → `1h10m`).
func span(_ seconds: TimeInterval) -> String { GoDuration(milliseconds: Int64((seconds * 1000).rounded())).description }
