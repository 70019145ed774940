import BallastAPI
import Foundation
import KubeTypes

/// Everything the detectors found in one ActionHistory at one instant.
public struct OscillationAnalysis: Sendable, Hashable {
    /// Every detection, strongest first (severity, then type, then first seen).
    public var detections: [Detection]
    /// Alerts considered flapping now: the next evaluation's hysteresis state
    /// (`status.flappingAlerts`).
    public var flappingAlerts: [String]

    /// The status records of ``detections``.
    public var patterns: [DetectedPattern] { detections.map(\.pattern) }

    /// The detections that refuse `action` at `now` (see ``Detection/refuses(_:now:)``).
    public func refusing(_ action: ActionName, now: Date) -> [Detection] {
        detections.filter { $0.refuses(action, now: now) }
    }
}

/// Runs every oscillation detector over a target's history.
///
/// Pure: the result depends only on the values passed in. Entries and observations are put in
/// canonical order first, so the input order never matters; only entries started within
/// ``OscillationThresholds/window`` before `now` (and not after `now`) are analysed.
public enum OscillationDetector {
    /// Analyses `entries` and `alerts` at `now`.
    ///
    /// - Parameters:
    ///   - entries: the target's ActionHistory entries (already pruned by ``Retention``).
    ///   - alerts: the target's alert observations.
    ///   - flappingAlerts: alerts that were flapping at the previous analysis (hysteresis).
    ///   - now: the instant of the analysis.
    ///   - thresholds: the effective settings.
    /// - Returns: the detections and the new flapping state.
    public static func analyse(
        entries: [ActionEntry], alerts: [AlertObservation], flappingAlerts: [String] = [], now: Date,
        thresholds: OscillationThresholds = OscillationThresholds()
    ) -> OscillationAnalysis {
        let start = now.addingTimeInterval(-thresholds.window.timeInterval)
        let recent = entries.filter { $0.startedAt >= start && $0.startedAt <= now }
            .sorted(by: ActionEntry.canonicalOrder)
        let recentAlerts = alerts.filter { $0.at >= start && $0.at <= now }
        var detections: [Detection] = []
        if let found = ScaleOscillationDetector.detect(recent, thresholds: thresholds) { detections.append(found) }
        if let found = ResourceThrashingDetector.detect(recent, thresholds: thresholds) { detections.append(found) }
        detections += IneffectiveLoopDetector.detect(recent, thresholds: thresholds)
        if let found = CascadingFailureDetector.detect(recent, alerts: recentAlerts, thresholds: thresholds) {
            detections.append(found)
        }
        let previouslyFlapping = Set(flappingAlerts)
        var flapping: [String] = []
        for name in Set(alerts.map(\.name)).sorted() {
            guard let found = FlapDetector.detect(
                alert: name, observations: alerts, wasFlapping: previouslyFlapping.contains(name), now: now,
                thresholds: thresholds)
            else { continue }
            detections.append(found)
            flapping.append(name)
        }
        return OscillationAnalysis(detections: detections.sorted(by: strongestFirst), flappingAlerts: flapping)
    }

    private static func strongestFirst(_ lhs: Detection, _ rhs: Detection) -> Bool {
        let (a, b) = (lhs.pattern, rhs.pattern)
        if a.severity != b.severity { return a.severity > b.severity }
        if a.type != b.type { return a.type.rawValue < b.type.rawValue }
        if a.firstSeen != b.firstSeen { return a.firstSeen < b.firstSeen }
        return a.message < b.message
    }
}
