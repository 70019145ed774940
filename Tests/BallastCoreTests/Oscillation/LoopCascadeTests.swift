import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastCore

@Suite struct LoopCascadeTests {
    let thresholds = OscillationThresholds()

    @Test(arguments: [
        (5, 0.29, PatternSeverity?.some(.critical)),
        (5, 0.3, .high),
        (4, 0.49, .high),
        (4, 0.5, .medium),
        (3, 0.59, .medium),
        (3, 0.6, nil),
        (2, 0.39, .low),
        (2, 0.4, nil),
        (1, 0.0, nil),
    ] as [(Int, Double, PatternSeverity?)])
    func ineffectiveLoopTable(runs: Int, effectiveness: Double, severity: PatternSeverity?) {
        let entries = (0..<runs).map { Fixture.entry(.restartDeployment, at: 10 + Double($0) * 10, effectiveness: effectiveness) }
            .sorted(by: ActionEntry.canonicalOrder)
        let found = IneffectiveLoopDetector.detect(entries, thresholds: thresholds)
        #expect(found.first?.pattern.severity == severity)
        #expect(found.first?.pattern.occurrences == (severity == nil ? nil : runs))
    }

    @Test func ineffectiveLoopOfMediumSeverityRefusesOnlyTheSameAction() throws {
        let entries = (0..<3).map { Fixture.entry(.restartDeployment, at: 10 + Double($0) * 10, effectiveness: 0.1) }
        let analysis = OscillationDetector.analyse(entries: entries, alerts: [], now: Fixture.now)
        let loop = try #require(analysis.detections.first { $0.pattern.type == .ineffectiveLoop })
        #expect(loop.pattern.prevention == .alternative)
        #expect(loop.refuses(.restartDeployment, now: Fixture.now))
        #expect(!loop.refuses(.rollbackDeployment, now: Fixture.now))
        #expect(!loop.refuses(.restartDeployment, now: Fixture.ago(-30)))
    }

    @Test func failedRunsCountAsZeroEffectiveness() {
        let entries = (0..<2).map { Fixture.entry(.deletePod, at: 10 + Double($0) * 10, state: .failed, effectiveness: 1) }
        #expect(IneffectiveLoopDetector.detect(entries, thresholds: thresholds).first?.pattern.severity == .low)
    }

    @Test(arguments: [
        // (actions followed by new alerts, distinct new alerts after the first, recurrence) -> severity
        (1, 1, false, PatternSeverity.low),
        (1, 2, false, .medium),
        (2, 1, false, .high),
        (3, 1, false, .critical),
        (1, 1, true, .medium),       // recurrence rate ≥ 0.5 raises one level
        (3, 1, true, .critical),     // already at the top
    ])
    func cascadingFailureSeverities(cascades: Int, distinct: Int, recurrence: Bool, severity: PatternSeverity) throws {
        var entries: [ActionEntry] = []
        var alerts: [AlertObservation] = []
        for index in 0..<cascades {
            let at = 100 - Double(index) * 40
            entries.append(Fixture.entry(.restartDeployment, at: at, alert: "KubePodNotReady", id: "a\(index)"))
            let count = index == 0 ? distinct : 1
            for other in 0..<count { alerts.append(Fixture.alert("New\(other)", .firing, at: at - 5)) }
            if recurrence { alerts.append(Fixture.alert("KubePodNotReady", .firing, at: at - 20)) }
        }
        let found = try #require(CascadingFailureDetector.detect(entries, alerts: alerts, thresholds: thresholds))
        #expect(found.pattern.severity == severity)
        #expect(found.pattern.occurrences == cascades)
    }

    @Test func alertsAfterTheCascadeWindowDoNotCount() {
        let entries = [Fixture.entry(.restartDeployment, at: 60, alert: "A")]
        #expect(CascadingFailureDetector.detect(entries, alerts: [Fixture.alert("B", .firing, at: 29)], thresholds: thresholds) == nil)
        #expect(CascadingFailureDetector.detect(entries, alerts: [Fixture.alert("B", .firing, at: 30)], thresholds: thresholds) != nil)
        #expect(CascadingFailureDetector.detect(entries, alerts: [Fixture.alert("A", .firing, at: 50)], thresholds: thresholds) == nil)
    }
}
