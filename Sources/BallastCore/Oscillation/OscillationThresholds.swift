import BallastAPI
import Foundation
import KubeTypes

/// Every number the oscillation detectors use, with its default and where it comes from.
///
/// Defaults follow Kubernaut's oscillation detector (shared/design/anchors.md: 120-minute window,
/// 30-minute scale gap, 45-minute thrash gap, 30-minute cascade window, the severity tables in
/// the detectors) and Nagios flap detection (30 % / 20 % hysteresis over 21 states). Ballast adds
/// blocking: where Kubernaut only advised the model, a High or Critical detection denies mutating
/// actions on the target until `blockedUntil`.
public struct OscillationThresholds: Sendable, Hashable {
    /// Only entries started within this long before `now` are analysed. Default 2h (Kubernaut).
    public var window: GoDuration = .hours(2)
    /// How High and Critical detections are prevented. Default Block.
    public var onDetect: OscillationResponse = .block
    /// How long a detection blocks after it was last seen (Critical: twice this). Default 30m.
    public var coolOff: GoDuration = .minutes(30)
    /// Scale direction changes count only between actions less than this apart. Default 30m (Kubernaut).
    public var scaleGap: GoDuration = .minutes(30)
    /// Resource/scale alternations count only between actions less than this apart. Default 45m (Kubernaut).
    public var thrashGap: GoDuration = .minutes(45)
    /// Medium resource thrashing needs an average alternation gap below this. Default 15m (Kubernaut).
    public var thrashFastGap: GoDuration = .minutes(15)
    /// New alerts this soon after an action are a cascade. Default 30m (Kubernaut).
    public var cascadeWindow: GoDuration = .minutes(30)
    /// Flapping starts at or above this percent state change. Default 30 (Nagios).
    public var flapStartPercent: Double = 30
    /// Flapping stops at or below this percent state change. Default 20 (Nagios).
    public var flapStopPercent: Double = 20
    /// Length of each of the 20 sampled intervals. Default 5m (Ballast: 100 minutes of history).
    public var flapInterval: GoDuration = .minutes(5)

    /// The defaults.
    public init() {}

    /// The defaults overridden by a policy's `spec.oscillation`, then by the target's
    /// ActionHistory `spec.analysis` (the per-target setting wins, as api.md specifies).
    public init(policy: OscillationSettings?, analysis: OscillationSettings? = nil) {
        for settings in [policy, analysis].compactMap({ $0 }) {
            window = settings.window ?? window
            onDetect = settings.onDetect ?? onDetect
            coolOff = settings.coolOff ?? coolOff
            cascadeWindow = settings.cascadeWindow ?? cascadeWindow
            flapStartPercent = settings.flapStartPercent ?? flapStartPercent
            flapStopPercent = settings.flapStopPercent ?? flapStopPercent
            if let interval = settings.flapInterval, interval > .zero { flapInterval = interval }
        }
    }

    /// The prevention for a detection of `severity` under ``onDetect``.
    ///
    /// Critical → Block (or Escalate / CoolOff as configured); High → CoolOff (Escalate when so
    /// configured); Medium and Low → Alternative (the same action is refused, others may run).
    public func prevention(for severity: PatternSeverity) -> Prevention {
        switch (severity, onDetect) {
        case (.critical, .block): return .block
        case (.critical, .escalate), (.high, .escalate): return .escalate
        case (.critical, .coolOff), (.high, _): return .coolOff
        case (.medium, _), (.low, _): return .alternative
        }
    }

    /// When a detection of `severity` last seen at `lastSeen` stops blocking:
    /// `lastSeen + coolOff`, doubled for Critical.
    public func blockedUntil(severity: PatternSeverity, lastSeen: Date) -> Date {
        let factor = severity == .critical ? 2.0 : 1.0
        return lastSeen.addingTimeInterval(coolOff.timeInterval * factor)
    }
}
