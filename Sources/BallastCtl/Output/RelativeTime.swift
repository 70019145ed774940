import Foundation
import KubeTypes

/// Times as a person reads them at a terminal: `3m ago`, `in 4m`, `2h5m`; and exact instants
/// as RFC 3339 UTC with the relative form beside them.
public enum RelativeTime {
    /// A span in the compact style of kubectl's AGE column, rounded down: `45s`, `3m20s` (under
    /// 10 minutes), `42m`, `2h5m` (under a day), `3d4h` (under 8 days), `45d`.
    ///
    /// Negative spans are treated as their absolute value.
    public static func span(_ seconds: TimeInterval) -> String {
        let total = Int(abs(seconds).rounded(.down))
        let (days, hours, minutes, secs) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60)
        switch total {
        case ..<60: return "\(total)s"
        case ..<600: return secs == 0 ? "\(minutes)m" : "\(minutes)m\(secs)s"
        case ..<3600: return "\(minutes)m"
        case ..<86_400: return minutes == 0 ? "\(hours)h" : "\(hours)h\(minutes)m"
        case ..<(86_400 * 8): return hours == 0 ? "\(days)d" : "\(days)d\(hours)h"
        default: return "\(days)d"
        }
    }

    /// `date` relative to `now`: `3m ago`, `in 4m`, or `just now` within a second.
    public static func describe(_ date: Date, now: Date) -> String {
        let delta = date.timeIntervalSince(now)
        if abs(delta) < 1 { return "just now" }
        return delta < 0 ? "\(span(delta)) ago" : "in \(span(delta))"
    }

    /// `date` relative to `now`, or `-` when absent.
    public static func describe(_ date: Date?, now: Date) -> String {
        date.map { describe($0, now: now) } ?? "-"
    }

    /// The exact instant and the relative form: `2026-11-20T14:16:00Z (in 4m)`.
    public static func exact(_ date: Date, now: Date) -> String {
        "\(KubeTime.format(date)) (\(describe(date, now: now)))"
    }
}
