import BallastAPI
import Foundation
@testable import BallastCore

// Test conveniences: run one detector over plain entries (all of them, no window).

extension ScaleOscillationDetector {
    static func detect(_ entries: [ActionEntry], thresholds: OscillationThresholds) -> Detection? {
        detect(Timeline(entries: entries, alerts: []).steps[...], thresholds: thresholds)
    }
}

extension ResourceThrashingDetector {
    static func detect(_ entries: [ActionEntry], thresholds: OscillationThresholds) -> Detection? {
        detect(Timeline(entries: entries, alerts: []).steps[...], thresholds: thresholds)
    }
}

extension IneffectiveLoopDetector {
    static func detect(_ entries: [ActionEntry], thresholds: OscillationThresholds) -> [Detection] {
        detect(Timeline(entries: entries, alerts: []).steps[...], thresholds: thresholds)
    }
}

extension CascadingFailureDetector {
    static func detect(_ entries: [ActionEntry], alerts: [AlertObservation], thresholds: OscillationThresholds) -> Detection? {
        let timeline = Timeline(entries: entries, alerts: alerts)
        return detect(timeline.steps[...], alerts: timeline.alerts, now: Fixture.now, thresholds: thresholds)
    }
}
