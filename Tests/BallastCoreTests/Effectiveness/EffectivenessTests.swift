import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastCore

@Suite struct EffectivenessTests {
    @Test(arguments: [
        (true, true, false, 0, 1.0),     // 0.4 + 0.3 + 0.2 + 0.1
        (true, true, true, 0, 0.5),      // 0.4 + 0.3 − 0.3 + 0.1
        (true, false, false, 1, 0.4),    // 0.4 + 0.2 − 0.2
        (false, true, false, 0, 0.6),    // 0.3 + 0.2 + 0.1
        (false, false, false, 0, 0.3),   // 0.2 + 0.1
        (false, false, true, 2, 0.0),    // −0.3 − 0.2 clamps to 0
        (true, true, true, 3, 0.2),      // 0.4 + 0.3 − 0.3 − 0.2
    ])
    func scoreTable(resolved: Bool, healthy: Bool, recurred: Bool, newAlerts: Int, expected: Double) {
        let signals = EffectivenessSignals(alertResolved: resolved, targetHealthy: healthy, recurred: recurred, newAlerts: newAlerts)
        #expect(EffectivenessScore.score(signals) == expected)
    }

    @Test func signalsComeFromObservationsInsideTheWindow() {
        let entry = Fixture.entry(.restartDeployment, at: 30, alert: "A")
        let resolvedOnly = [Fixture.alert("A", .resolved, at: 25)]
        #expect(EffectivenessScore.signals(for: entry, observations: resolvedOnly, targetHealthy: true, window: .minutes(20), now: Fixture.now)
            == EffectivenessSignals(alertResolved: true, targetHealthy: true, recurred: false, newAlerts: 0))
        let troubled = resolvedOnly + [Fixture.alert("A", .firing, at: 20), Fixture.alert("B", .firing, at: 15),
                                       Fixture.alert("C", .firing, at: 5)]
        #expect(EffectivenessScore.signals(for: entry, observations: troubled, targetHealthy: false, window: .minutes(20), now: Fixture.now)
            == EffectivenessSignals(alertResolved: false, targetHealthy: false, recurred: true, newAlerts: 1))
    }

    @Test func summaryAveragesScoredEntriesPerAction() {
        let entries = [
            Fixture.entry(.restartDeployment, at: 30, effectiveness: 0.2),
            Fixture.entry(.restartDeployment, at: 20, effectiveness: 0.4),
            Fixture.entry(.scaleDeployment, at: 10, effectiveness: 0.9),
            Fixture.entry(.scaleDeployment, at: 5),
        ]
        let summary = EffectivenessScore.summary(of: entries)
        #expect(abs((summary.overall ?? 0) - 0.5) < 1e-9)
        #expect(abs((summary.byAction?["restart_deployment"] ?? 0) - 0.3) < 1e-9)
        #expect(summary.byAction?["scale_deployment"] == 0.9)
        #expect(EffectivenessScore.summary(of: []) == EffectivenessSummary())
    }
}
