import BallastAPI
import Foundation
import KubeTypes

/// Nagios-style flap detection with hysteresis, for the alert that caused a request.
///
/// Nagios keeps the last 21 check results (20 transitions); the i-th transition, oldest to
/// newest, weighs `0.75 + (i − 1) · 0.5 / 19`, so recent changes count more, and the percent
/// state change is `Σ weight of changed transitions · 100 / 20`. Flapping starts at or above the
/// high threshold and stops at or below the low one; in between the previous verdict holds.
///
/// Ballast records alert state *changes* rather than periodic checks, so it samples them: time
/// is cut into 20 intervals of ``OscillationThresholds/flapInterval`` aligned to the Unix epoch,
/// the last one containing `now`, and an interval counts as a transition when the alert changed
/// state inside it. Because intervals are aligned to the epoch, the instant flapping will end if
/// nothing new happens is exact and is reported as `blockedUntil`.
public enum FlapDetector {
    /// Number of transitions considered (21 states).
    public static let transitions = 20

    /// The weight of the `index`-th transition, 1-based, oldest first: `0.75 + (i−1)·0.5/19`.
    public static func weight(_ index: Int) -> Double {
        0.75 + Double(index - 1) * 0.5 / 19
    }

    /// Percent state change of up to 20 transition flags, oldest first (missing older ones count
    /// as unchanged).
    public static func percentStateChange(changes: [Bool]) -> Double {
        let recent = Array(changes.suffix(transitions))
        let offset = transitions - recent.count
        var total = 0.0
        for (position, changed) in recent.enumerated() where changed {
            total += weight(offset + position + 1)
        }
        return total * 100 / Double(transitions)
    }

    /// Percent state change of the last 21 `states`, oldest first, as Nagios computes it.
    public static func percentStateChange<State: Equatable>(states: [State]) -> Double {
        let recent = Array(states.suffix(transitions + 1))
        return percentStateChange(changes: zip(recent, recent.dropFirst()).map { $0 != $1 })
    }

    /// The hysteresis rule: start at ≥ `start`, stop at ≤ `stop`, otherwise keep `wasFlapping`.
    public static func isFlapping(percent: Double, wasFlapping: Bool, start: Double, stop: Double) -> Bool {
        if percent >= start { return true }
        if percent <= stop { return false }
        return wasFlapping
    }

    /// The 20 interval flags of one alert's `observations` (canonical order) at `now`, and the
    /// first and last state change inside those intervals. Observations after `now` are ignored.
    static func changes(
        of observations: [AlertObservation], now: Date, interval: GoDuration
    ) -> (flags: [Bool], first: Date?, last: Date?) {
        let length = Double(interval.milliseconds)
        let nowMillis = (now.timeIntervalSince1970 * 1000).rounded(.down)
        let end = ((nowMillis / length).rounded(.down) + 1) * length
        let start = end - Double(transitions) * length
        var flags = Array(repeating: false, count: transitions)
        var first: Date?
        var last: Date?
        var state: AlertState?
        for observation in observations {
            guard observation.at <= now else { break }
            defer { state = observation.state }
            guard let previous = state, previous != observation.state else { continue }
            let at = observation.at.timeIntervalSince1970 * 1000
            guard at >= start, at < end else { continue }
            flags[min(transitions - 1, Int(((at - start) / length).rounded(.down)))] = true
            first = first ?? observation.at
            last = observation.at
        }
        return (flags, first, last)
    }

    /// The flapping detection for the alert named `alert`, or `nil` when it is not flapping.
    ///
    /// - Parameters:
    ///   - observations: the target's alert observations (any order, any alerts).
    ///   - wasFlapping: whether the alert was flapping at the previous evaluation
    ///     (`status.flappingAlerts` contains it).
    static func detect(
        alert: String, observations: [AlertObservation], wasFlapping: Bool, now: Date,
        thresholds: OscillationThresholds
    ) -> Detection? {
        let own = observations.filter { $0.name == alert }.sorted(by: AlertObservation.canonicalOrder)
        return detect(alert: alert, own: own, wasFlapping: wasFlapping, now: now, thresholds: thresholds)
    }

    /// As above, for the observations of `alert` alone, already in canonical order.
    static func detect(
        alert: String, own: [AlertObservation], wasFlapping: Bool, now: Date, thresholds: OscillationThresholds
    ) -> Detection? {
        let (flags, first, last) = changes(of: own, now: now, interval: thresholds.flapInterval)
        let percent = percentStateChange(changes: flags)
        guard isFlapping(percent: percent, wasFlapping: wasFlapping, start: thresholds.flapStartPercent,
            stop: thresholds.flapStopPercent)
        else { return nil }
        let length = thresholds.flapInterval.timeInterval
        let end = ((now.timeIntervalSince1970 / length).rounded(.down) + 1) * length
        // No observation lies after `now`, so moving the window j intervals on only drops the
        // j oldest flags and adds unchanged ones.
        let quietAfter = (1...transitions).first { shift in
            percentStateChange(changes: flags.dropFirst(shift) + Array(repeating: false, count: shift))
                <= thresholds.flapStopPercent
        } ?? transitions
        let until = Date(timeIntervalSince1970: end + Double(quietAfter - 1) * length)
        let severity: PatternSeverity = percent >= 50 ? .critical : .high
        let pattern = DetectedPattern(
            type: .flapping, severity: severity, occurrences: flags.filter { $0 }.count,
            window: GoDuration(milliseconds: thresholds.flapInterval.milliseconds * Int64(transitions)),
            firstSeen: first ?? now, lastSeen: last ?? now,
            prevention: thresholds.prevention(for: severity), blockedUntil: until,
            message: "alert \(alert) changed state in \(flags.filter { $0 }.count) of the last \(transitions) intervals of \(thresholds.flapInterval): \(fixed(percent, decimals: 1))% state change (starts at \(thresholds.flapStartPercent)%, stops at \(thresholds.flapStopPercent)%)")
        return Detection(pattern: pattern, actions: [])
    }
}
