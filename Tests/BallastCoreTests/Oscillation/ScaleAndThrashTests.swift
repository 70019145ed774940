import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastCore

@Suite struct ScaleAndThrashTests {
    let thresholds = OscillationThresholds()

    /// Alternating scale entries `gap` minutes apart, the newest 10 minutes ago.
    static func alternating(_ count: Int, gap: Double, effectiveness: Double) -> [ActionEntry] {
        (0..<count).map { index in
            let up = index % 2 == 0
            return Fixture.scale(up ? 3 : 6, up ? 6 : 3, at: 10 + Double(count - 1 - index) * gap, effectiveness: effectiveness)
        }
    }

    @Test(arguments: [
        // (entries, gap minutes, effectiveness) -> severity, direction changes
        (5, 10.0, 0.2, PatternSeverity?.some(.critical), 4),   // 4 changes in 40m, eff 0.2 < 0.5
        (5, 15.0, 0.2, .critical, 4),                           // span exactly 60m is still Critical
        (5, 16.0, 0.2, .high, 4),                               // span 64m > 60m: High (≥3 within 120m, < 0.7)
        (5, 10.0, 0.5, .high, 4),                               // eff 0.5 is not < 0.5
        (4, 10.0, 0.69, .high, 3),
        (4, 10.0, 0.7, .medium, 3),                             // eff 0.7 is not < 0.7: Medium (≥2)
        (3, 29.0, 0.9, .medium, 2),
        (2, 10.0, 0.0, nil, 1),                                 // one change is not a pattern
        (5, 30.0, 0.0, nil, 0),                                 // gaps of 30m do not count (< 30m required)
    ] as [(Int, Double, Double, PatternSeverity?, Int)])
    func scaleOscillationSeverities(count: Int, gap: Double, effectiveness: Double, severity: PatternSeverity?, changes: Int) {
        let entries = Self.alternating(count, gap: gap, effectiveness: effectiveness)
        let found = ScaleOscillationDetector.detect(entries, thresholds: thresholds)
        #expect(found?.pattern.severity == severity)
        if let found {
            #expect(found.pattern.occurrences == changes)
            #expect(found.pattern.lastSeen == Fixture.ago(10))
            let factor: Double = severity == .critical ? 2 : 1
            #expect(found.pattern.blockedUntil == Fixture.ago(10).addingTimeInterval(30 * 60 * factor))
            #expect(found.actions == [.scaleDeployment])
        }
    }

    @Test func criticalScaleOscillationMessageAndPrevention() throws {
        let found = try #require(ScaleOscillationDetector.detect(Self.alternating(5, gap: 10, effectiveness: 0.2), thresholds: thresholds))
        #expect(found.pattern.prevention == .block)
        #expect(found.pattern.message == "replicas 3->6->3->6->3->6: 4 direction changes within 40m; effectiveness 0.20")
    }

    @Test func dryRunAndFailedScalesDoNotCount() {
        var entries = Self.alternating(5, gap: 10, effectiveness: 0.2)
        for index in entries.indices where index % 2 == 1 { entries[index].state = .dryRun }
        #expect(ScaleOscillationDetector.detect(entries, thresholds: thresholds) == nil)
    }

    @Test func unscoredEntriesCountAsIneffective() {
        let entries = Self.alternating(5, gap: 10, effectiveness: 0.2).map { entry -> ActionEntry in
            var copy = entry
            copy.effectiveness = nil
            return copy
        }
        #expect(ScaleOscillationDetector.detect(entries, thresholds: thresholds)?.pattern.severity == .critical)
    }

    static func thrash(_ count: Int, gap: Double, effectiveness: Double) -> [ActionEntry] {
        (0..<count).map { index in
            let minutes = 10 + Double(count - 1 - index) * gap
            if index % 2 == 0 {
                return Fixture.entry(.increaseResources, at: minutes, effectiveness: effectiveness)
            }
            return Fixture.scale(3 + Int64(index), 4 + Int64(index), at: minutes, effectiveness: effectiveness)
        }
    }

    @Test(arguments: [
        (4, 10.0, 0.59, PatternSeverity?.some(.critical), 3),
        (4, 10.0, 0.6, .high, 3),          // eff 0.6 is not < 0.6; ≥ 2 and < 0.7
        (3, 20.0, 0.69, .high, 2),
        (3, 20.0, 0.7, nil, 2),            // not High; Medium needs average gap < 15m
        (2, 14.0, 0.9, .medium, 1),
        (2, 15.0, 0.9, nil, 1),
        (2, 45.0, 0.0, nil, 0),            // gap must be < 45m
    ] as [(Int, Double, Double, PatternSeverity?, Int)])
    func resourceThrashingSeverities(count: Int, gap: Double, effectiveness: Double, severity: PatternSeverity?, alternations: Int) {
        let found = ResourceThrashingDetector.detect(Self.thrash(count, gap: gap, effectiveness: effectiveness), thresholds: thresholds)
        #expect(found?.pattern.severity == severity)
        if let found { #expect(found.pattern.occurrences == alternations) }
    }

    @Test func analysisOnlyLooksInsideTheWindow() {
        let old = Self.alternating(5, gap: 10, effectiveness: 0.2).map { entry -> ActionEntry in
            var copy = entry
            copy.startedAt = entry.startedAt.addingTimeInterval(-3 * 3600)
            return copy
        }
        #expect(OscillationDetector.analyse(entries: old, alerts: [], now: Fixture.now).detections.isEmpty)
        let wide = OscillationThresholds(policy: OscillationSettings(window: .hours(5)))
        #expect(!OscillationDetector.analyse(entries: old, alerts: [], now: Fixture.now, thresholds: wide).detections.isEmpty)
    }
}
