import BallastAPI
import BallastCore
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

@Suite struct HistoryWakeUpTests {
    typealias F = ReconcilerFixture

    static func next(_ status: ActionHistoryStatus, retention: RetentionSettings? = nil, thresholds: OscillationThresholds = .init()) -> Date? {
        HistoryWakeUp.next(after: F.now, status: status, retention: Retention(retention), thresholds: thresholds)
    }

    @Test func anEmptyHistoryNeverNeedsALook() {
        #expect(Self.next(ActionHistoryStatus()) == nil)
        #expect(Self.next(ActionHistoryStatus(entries: [], alerts: [], patterns: [])) == nil)
    }

    @Test func aRecentEntryWakesWhenItsCascadeWindowEnds() {
        // Started 10 minutes ago: cascade window (30m) ends in 20 minutes, the 2h window in 110.
        let status = ActionHistoryStatus(entries: [F.entry(.restartDeployment, .succeeded, at: 10)])
        #expect(Self.next(status) == F.ago(-20))
    }

    @Test func anOldEntryWakesWhenItLeavesTheAnalysisWindowThenWhenRetentionDropsIt() {
        let status = ActionHistoryStatus(entries: [F.entry(.restartDeployment, .succeeded, at: 100)])
        #expect(Self.next(status) == F.ago(-20))
        let retention = RetentionSettings(maxAge: .hours(3))
        let afterWindow = ActionHistoryStatus(entries: [F.entry(.restartDeployment, .succeeded, at: 150)])
        #expect(Self.next(afterWindow, retention: retention) == F.ago(-30))
    }

    @Test func anEntryExactlyAtTheRetentionBoundaryWakesAtOnce() {
        // Kept now (the bound is inclusive), dropped an instant later: found by the property test.
        let status = ActionHistoryStatus(entries: [F.entry(.restartDeployment, .succeeded, at: 180)])
        #expect(Self.next(status, retention: RetentionSettings(maxAge: .hours(3))) == F.now)
    }

    @Test func aBlockingPatternWakesAtItsBlockedUntilWhenThatComesFirst() {
        var pattern = F.pattern(.scaleOscillation, .high)
        pattern.blockedUntil = F.ago(-5)
        let status = ActionHistoryStatus(entries: [F.entry(.scaleDeployment, .succeeded, at: 10)], patterns: [pattern])
        #expect(Self.next(status) == F.ago(-5))
    }

    @Test func anEntryRecordedInTheFutureWakesWhenItArrives() {
        let status = ActionHistoryStatus(entries: [F.entry(.restartDeployment, .succeeded, at: -1)])
        #expect(Self.next(status) == F.ago(-1))
    }

    @Test func aRecentAlertChangeWakesAtTheNextFlapIntervalBoundary() throws {
        var thresholds = OscillationThresholds()
        thresholds.flapInterval = .minutes(5)
        let alert = AlertObservation(name: "KubePodNotReady", state: .firing, at: F.ago(1))
        let next = try #require(Self.next(ActionHistoryStatus(alerts: [alert]), thresholds: thresholds))
        let boundary = ((F.now.timeIntervalSince1970 / 300).rounded(.down) + 1) * 300
        #expect(next == Date(timeIntervalSince1970: boundary))
        #expect(next > F.now && next <= F.now.addingTimeInterval(300))
    }

    @Test func anAlertOlderThanTheFlapSpanOnlyWakesForRetention() {
        let alert = AlertObservation(name: "KubePodNotReady", state: .firing, at: F.ago(200))
        let next = Self.next(ActionHistoryStatus(alerts: [alert]), retention: RetentionSettings(maxAge: .hours(4)))
        #expect(next == F.ago(-40))
    }

    @Test(arguments: [
        (0.0, 500), (0.2, 500), (2.0, 2001), (0.0004, 500), (3600.0, 3_600_001),
    ] as [(Double, Int64)])
    func theDelayEndsJustPastTheInstantAndNeverBelowTheMinimum(seconds: Double, milliseconds: Int64) {
        #expect(WakeUpDelay.until(F.now.addingTimeInterval(seconds), from: F.now) == .milliseconds(milliseconds))
    }
}

@Suite struct HistoryAnalysisPolicyTests {
    typealias F = ReconcilerFixture

    static let labels: [String: [String: String]] = ["shop": ["team": "shop"], "payments": ["team": "payments"]]

    static func settings(_ policies: [SafetyPolicy], namespace: String?) -> OscillationSettings? {
        HistoryAnalysisPolicy.settings(policies: policies, namespace: namespace) { name in name.flatMap { labels[$0] } }
    }

    @Test func theFirstCoveringPolicyByNameThatSetsOscillationWins() {
        let shopOnly = SafetyPolicySpec(
            namespaceSelector: LabelSelector(matchLabels: ["team": "shop"]), oscillation: OscillationSettings(window: .hours(1)))
        let everywhere = SafetyPolicySpec(oscillation: OscillationSettings(window: .hours(3)))
        let policies = [F.policy("b-everywhere", everywhere), F.policy("a-shop", shopOnly), F.policy("0-plain")]
        #expect(Self.settings(policies, namespace: "shop")?.window == .hours(1))
        #expect(Self.settings(policies, namespace: "payments")?.window == .hours(3))
        #expect(Self.settings(policies, namespace: nil)?.window == .hours(3))
    }

    @Test func withoutSettingsTheDefaultsApply() {
        #expect(Self.settings([F.policy("plain")], namespace: "shop") == nil)
        #expect(Self.settings([], namespace: "shop") == nil)
    }
}

@Suite struct HistoryEventTextTests {
    typealias F = ReconcilerFixture

    @Test func aDetectionNamesTypeSeverityEvidenceAndPrevention() {
        var pattern = F.pattern(.scaleOscillation, .critical, message: "replicas 3->6->3->6: 3 direction changes")
        pattern.blockedUntil = Date(timeIntervalSince1970: 1_795_001_800)
        pattern.prevention = .block
        #expect(HistoryEventText.detected(.init(pattern: pattern, escalatedFrom: .high))
            == "ScaleOscillation (Critical, escalated from High): replicas 3->6->3->6: 3 direction changes; prevention Block until 2026-11-18T11:36:40Z")
        pattern.blockedUntil = nil
        #expect(HistoryEventText.detected(.init(pattern: pattern, escalatedFrom: nil))
            == "ScaleOscillation (Critical): replicas 3->6->3->6: 3 direction changes; prevention Block")
    }

    @Test func aClearedPatternSaysWhenItWasLastSeen() {
        var pattern = F.pattern(.flapping, .high)
        pattern.lastSeen = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(HistoryEventText.cleared(pattern) == "Flapping (High) is no longer detected; last seen 2026-11-18T11:06:40Z")
    }
}
