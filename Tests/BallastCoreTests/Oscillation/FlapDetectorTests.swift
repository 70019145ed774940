import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastCore

@Suite struct FlapDetectorTests {
    @Test func nagiosWeights() {
        #expect(FlapDetector.weight(1) == 0.75)
        #expect(abs(FlapDetector.weight(20) - 1.25) < 1e-12)
        #expect(abs((1...20).map(FlapDetector.weight).reduce(0, +) - 20) < 1e-9)
    }

    @Test(arguments: [
        ([Bool](repeating: true, count: 20), 100.0),
        ([Bool](repeating: false, count: 19) + [true], 6.25),          // newest only: 1.25 · 100 / 20
        ([true] + [Bool](repeating: false, count: 19), 3.75),          // oldest only: 0.75 · 100 / 20
        ([true], 6.25),                                                // fewer flags are the newest ones
        ([Bool](), 0.0),
    ])
    func percentStateChange(changes: [Bool], percent: Double) {
        #expect(abs(FlapDetector.percentStateChange(changes: changes) - percent) < 1e-9)
    }

    @Test func percentFromTwentyOneStates() {
        let alternating = (0..<21).map { $0 % 2 == 0 }
        #expect(abs(FlapDetector.percentStateChange(states: alternating) - 100) < 1e-9)
        #expect(FlapDetector.percentStateChange(states: [Bool](repeating: true, count: 30)) == 0)
        // Only the last 21 states count: an old change falls out.
        #expect(FlapDetector.percentStateChange(states: [false] + [Bool](repeating: true, count: 21)) == 0)
    }

    @Test(arguments: [
        (35.0, false, true), (30.0, false, true), (29.9, false, false), (25.0, true, true),
        (20.1, true, true), (20.0, true, false), (10.0, true, false),
    ])
    func hysteresis(percent: Double, wasFlapping: Bool, flapping: Bool) {
        #expect(FlapDetector.isFlapping(percent: percent, wasFlapping: wasFlapping, start: 30, stop: 20) == flapping)
    }

    /// 11 observations 5 minutes apart, alternating, the newest 2.5 minutes ago: 10 changes.
    static let toggling: [AlertObservation] = (0...10).map { index in
        Fixture.alert("KubePodNotReady", index % 2 == 0 ? .firing : .resolved, at: 52.5 - Double(index) * 5)
    }

    @Test func togglingAlertIsCriticalFlappingWithTheNumbers() throws {
        let found = try #require(FlapDetector.detect(
            alert: "KubePodNotReady", observations: Self.toggling, wasFlapping: false, now: Fixture.now,
            thresholds: OscillationThresholds()))
        // Changes fall in transitions 10...19: Σ (0.75 + (i−1)/38) = 7.5 + 135/38 → 55.26 %.
        #expect(found.pattern.severity == .critical)
        #expect(found.pattern.occurrences == 10)
        #expect(found.pattern.message.contains("55.3% state change"))
        #expect(found.pattern.window == .minutes(100))
        #expect(found.actions.isEmpty)
    }

    @Test func blockedUntilIsExactlyWhenFlappingStops() throws {
        let thresholds = OscillationThresholds()
        let found = try #require(FlapDetector.detect(
            alert: "KubePodNotReady", observations: Self.toggling, wasFlapping: false, now: Fixture.now, thresholds: thresholds))
        let until = try #require(found.pattern.blockedUntil)
        #expect(until > Fixture.now)
        let justBefore = FlapDetector.detect(
            alert: "KubePodNotReady", observations: Self.toggling, wasFlapping: true,
            now: until.addingTimeInterval(-0.001), thresholds: thresholds)
        let at = FlapDetector.detect(
            alert: "KubePodNotReady", observations: Self.toggling, wasFlapping: true, now: until, thresholds: thresholds)
        #expect(justBefore != nil)
        #expect(at == nil)
    }

    @Test func hysteresisStateRoundTripsThroughTheAnalysis() {
        let analysis = OscillationDetector.analyse(entries: [], alerts: Self.toggling, now: Fixture.now)
        #expect(analysis.flappingAlerts == ["KubePodNotReady"])
        #expect(analysis.refusing(.restartDeployment, now: Fixture.now).count == 1)
    }

    @Test func aSingleChangeIsNotFlapping() {
        let observations = [Fixture.alert("A", .firing, at: 30), Fixture.alert("A", .resolved, at: 10)]
        #expect(FlapDetector.detect(alert: "A", observations: observations, wasFlapping: false, now: Fixture.now,
                                    thresholds: OscillationThresholds()) == nil)
    }
}
