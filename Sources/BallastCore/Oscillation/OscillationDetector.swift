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
/// canonical order first (``Timeline``), so the input order never matters; only entries started
/// within ``OscillationThresholds/window`` before `now` (and not after `now`) are analysed, and
/// only alert observations up to `now` count.
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
        analyse(Timeline(entries: entries, alerts: alerts), flappingAlerts: flappingAlerts, now: now, thresholds: thresholds)
    }

    /// Analyses a prepared ``Timeline`` at `now`: the same result as
    /// ``analyse(entries:alerts:flappingAlerts:now:thresholds:)``, without re-sorting when one
    /// history is analysed under several threshold sets.
    public static func analyse(
        _ timeline: Timeline, flappingAlerts: [String] = [], now: Date,
        thresholds: OscillationThresholds = OscillationThresholds()
    ) -> OscillationAnalysis {
        let recent = timeline.steps(from: now.addingTimeInterval(-thresholds.window.timeInterval), through: now)
        var detections: [Detection] = []
        if let found = ScaleOscillationDetector.detect(recent, thresholds: thresholds) { detections.append(found) }
        if let found = ResourceThrashingDetector.detect(recent, thresholds: thresholds) { detections.append(found) }
        detections += IneffectiveLoopDetector.detect(recent, thresholds: thresholds)
        if let found = CascadingFailureDetector.detect(recent, alerts: timeline.alerts, now: now, thresholds: thresholds) {
            detections.append(found)
        }
        let previouslyFlapping = Set(flappingAlerts)
        var flapping: [String] = []
        for (id, name) in timeline.alerts.names.enumerated() where !timeline.alerts.observations[id].isEmpty {
            guard let found = FlapDetector.detect(
                alert: name, own: timeline.alerts.observations[id], wasFlapping: previouslyFlapping.contains(name),
                now: now, thresholds: thresholds)
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
