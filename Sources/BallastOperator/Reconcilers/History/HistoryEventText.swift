import BallastAPI
import KubeTypes

/// The messages of the ActionHistory reconciler's Events: one line a person can act on, naming
/// the pattern's type, severity, evidence and what Ballast does about it (pure).
public enum HistoryEventText {
    /// `ScaleOscillation (High): replicas 3->6->3->6 …; prevention CoolOff until 2026-…Z`, with
    /// `escalated from Medium` when it got stronger.
    public static func detected(_ detected: PatternTransitions.Detected) -> String {
        let pattern = detected.pattern
        var text = "\(pattern.type.rawValue) (\(pattern.severity.rawValue)"
        if let previous = detected.escalatedFrom { text += ", escalated from \(previous.rawValue)" }
        text += "): \(pattern.message); prevention \(pattern.prevention.rawValue)"
        if let until = pattern.blockedUntil { text += " until \(KubeTime.format(until))" }
        return text
    }

    /// `ScaleOscillation (High) is no longer detected; last seen 2026-…Z`.
    public static func cleared(_ pattern: DetectedPattern) -> String {
        "\(pattern.type.rawValue) (\(pattern.severity.rawValue)) is no longer detected; last seen \(KubeTime.format(pattern.lastSeen))"
    }
}
