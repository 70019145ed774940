import BallastAPI
import BallastCore
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

/// The pure decision of which alert state changes a target's timeline records.
@Suite struct AlertTimelineTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let retention = Retention(RetentionSettings(maxEntries: 1000))

    static func at(_ minutesAgo: Double) -> Date { now.addingTimeInterval(-minutesAgo * 60) }

    static func row(_ state: AlertState, _ minutesAgo: Double, name: String = "HighErrorRate", fingerprint: String = "aa01")
        -> AlertObservation
    {
        AlertObservation(name: name, fingerprint: fingerprint, state: state, at: at(minutesAgo))
    }

    static func record(_ received: [AlertObservation], in existing: [AlertObservation] = [], retention: Retention = retention)
        -> [AlertObservation]?
    {
        AlertTimeline.recording(received, in: existing, retention: retention, now: now)
    }

    @Test func aFiringAlertOnAnEmptyTimelineIsRecorded() {
        #expect(Self.record([Self.row(.firing, 10)]) == [Self.row(.firing, 10)])
    }

    @Test func aResolvedAlertNeverSeenFiringIsNotRecorded() {
        #expect(Self.record([Self.row(.resolved, 10)]) == nil)
    }

    @Test func aResolutionAfterFiringIsRecordedAtItsEnd() {
        let existing = [Self.row(.firing, 10)]
        #expect(Self.record([Self.row(.resolved, 4)], in: existing) == [Self.row(.firing, 10), Self.row(.resolved, 4)])
    }

    @Test(arguments: [
        [row(.firing, 10)],
        [row(.firing, 10), row(.resolved, 4)],
        [row(.firing, 10), row(.resolved, 4), row(.firing, 2)],
    ])
    func repeatingTheLastStateAddsNothing(existing: [AlertObservation]) {
        let last = existing[existing.count - 1]
        #expect(Self.record([last], in: existing) == nil, "the same (fingerprint, state, at) again")
        var later = last
        later.at = Self.at(1)
        #expect(Self.record([later], in: existing) == nil, "the same state again, whatever its time: not a change")
    }

    @Test func aLateOlderStateIsNotRecorded() {
        let existing = [Self.row(.firing, 10), Self.row(.resolved, 4)]
        #expect(Self.record([Self.row(.firing, 10)], in: existing) == nil, "a re-sent firing notification after the resolution")
        #expect(Self.record([Self.row(.firing, 6)], in: existing) == nil, "a firing older than the recorded resolution")
        #expect(Self.record([Self.row(.firing, 4)], in: existing) == nil, "a firing at the very instant of the resolution")
    }

    @Test func aNewEpisodeAfterAResolutionIsRecorded() {
        let existing = [Self.row(.firing, 10), Self.row(.resolved, 4)]
        #expect(Self.record([Self.row(.firing, 2)], in: existing) == existing + [Self.row(.firing, 2)])
    }

    @Test func aBatchIsAppliedInTimeOrderWhateverItsOrder() {
        let batch = [Self.row(.resolved, 5), Self.row(.firing, 3), Self.row(.firing, 8), Self.row(.resolved, 1)]
        let expected = [Self.row(.firing, 8), Self.row(.resolved, 5), Self.row(.firing, 3), Self.row(.resolved, 1)]
        #expect(Self.record(batch) == expected)
        #expect(Self.record(batch.reversed()) == expected)
    }

    @Test func fingerprintsAreTrackedIndependentlyEvenUnderOneName() {
        let existing = [Self.row(.firing, 10, fingerprint: "aa01")]
        let batch = [Self.row(.firing, 9, fingerprint: "bb02"), Self.row(.firing, 8, fingerprint: "aa01")]
        #expect(Self.record(batch, in: existing) == [Self.row(.firing, 10, fingerprint: "aa01"), Self.row(.firing, 9, fingerprint: "bb02")])
    }

    @Test func aRowWithoutFingerprintNeverCountsAsAFingerprintsState() {
        let existing = [AlertObservation(name: "HighErrorRate", state: .firing, at: Self.at(10))]
        #expect(Self.record([Self.row(.firing, 5)], in: existing) == existing + [Self.row(.firing, 5)])
    }

    @Test func theTimelineNeverExceeds200RowsAndDropsTheOldest() throws {
        let existing = (0..<200).map { Self.row(.firing, Double(300 - $0), fingerprint: "f\($0)") }
        let recorded = try #require(Self.record([Self.row(.firing, 1, fingerprint: "new")], in: existing))
        #expect(recorded.count == AlertTimeline.maxRows)
        #expect(recorded.first == existing[1], "the oldest row made room")
        #expect(recorded.last == Self.row(.firing, 1, fingerprint: "new"))
    }

    @Test func anObservationOlderThanAFullTimelineIsNotWritten() {
        let existing = (0..<200).map { Self.row(.firing, Double(300 - $0), fingerprint: "f\($0)") }
        #expect(Self.record([Self.row(.firing, 400, fingerprint: "old")], in: existing) == nil)
    }

    @Test func retentionsMaxAgeAndMaxEntriesBoundTheResult() throws {
        let retention = Retention(RetentionSettings(maxEntries: 3, maxAge: .hours(1)))
        #expect(Self.record([Self.row(.firing, 61)], retention: retention) == nil, "older than maxAge")
        let existing = [Self.row(.firing, 90, fingerprint: "x"), Self.row(.firing, 30, fingerprint: "y"),
                        Self.row(.firing, 20, fingerprint: "z")]
        let recorded = try #require(Self.record([Self.row(.firing, 10)], in: existing, retention: retention))
        #expect(recorded == [Self.row(.firing, 30, fingerprint: "y"), Self.row(.firing, 20, fingerprint: "z"), Self.row(.firing, 10)])
    }

    @Test func aStateWhoseEarlierRowsRetentionDropsStartsAfresh() {
        let retention = Retention(RetentionSettings(maxAge: .hours(1)))
        let existing = [Self.row(.firing, 90)]
        #expect(Self.record([Self.row(.firing, 10)], in: existing, retention: retention) == [Self.row(.firing, 10)],
                "the Firing row 90 minutes ago is no longer part of the timeline")
    }

    @Test func evictionByTheBoundReachesAFixpointInOneCall() throws {
        // maxEntries 2: x's only row is pushed out by z, after which x's newer Firing is a change.
        let retention = Retention(RetentionSettings(maxEntries: 2))
        let existing = [Self.row(.firing, 50, fingerprint: "x"), Self.row(.firing, 40, fingerprint: "y")]
        let batch = [Self.row(.firing, 30, fingerprint: "z"), Self.row(.firing, 20, fingerprint: "x")]
        let once = try #require(Self.record(batch, in: existing, retention: retention))
        #expect(once == [Self.row(.firing, 30, fingerprint: "z"), Self.row(.firing, 20, fingerprint: "x")])
        #expect(Self.record(batch, in: once, retention: retention) == nil)
    }

    @Test(arguments: [(253, true), (254, false), (0, false)])
    func namesTheCRDRefusesAreIgnored(length: Int, stored: Bool) {
        let observation = AlertObservation(name: String(repeating: "a", count: length), fingerprint: "aa01", state: .firing, at: Self.at(1))
        #expect((Self.record([observation]) != nil) == stored)
    }

    @Test(arguments: [(128, true), (129, false), (0, false)])
    func fingerprintsTheCRDRefusesAreIgnored(length: Int, stored: Bool) {
        let observation = AlertObservation(name: "A", fingerprint: String(repeating: "f", count: length), state: .firing, at: Self.at(1))
        #expect((Self.record([observation]) != nil) == stored)
    }

    @Test func anObservationIsFiringAtStartsAtAndResolvedAtEndsAtOrTheReceiveTime() {
        let startsAt = Self.at(30)
        let endsAt = Self.at(5)
        func alert(_ status: AlertmanagerAlert.Status, endsAt: Date?) -> AlertmanagerAlert {
            AlertmanagerAlert(status: status, labels: ["alertname": "HighErrorRate"], startsAt: startsAt, endsAt: endsAt, fingerprint: "aa01")
        }
        #expect(AlertTimeline.observation(of: alert(.firing, endsAt: nil), receivedAt: Self.now)
            == AlertObservation(name: "HighErrorRate", fingerprint: "aa01", state: .firing, at: startsAt))
        #expect(AlertTimeline.observation(of: alert(.resolved, endsAt: endsAt), receivedAt: Self.now)
            == AlertObservation(name: "HighErrorRate", fingerprint: "aa01", state: .resolved, at: endsAt))
        #expect(AlertTimeline.observation(of: alert(.resolved, endsAt: nil), receivedAt: Self.now)
            == AlertObservation(name: "HighErrorRate", fingerprint: "aa01", state: .resolved, at: Self.now))
    }

    @Test func aResolvedAlertImpliesTheFiringItsEpisodeBeganWithUnlessItEndedBeforeItStarted() {
        func alert(_ status: AlertmanagerAlert.Status, endsAt: Date?) -> AlertmanagerAlert {
            AlertmanagerAlert(status: status, labels: ["alertname": "HighErrorRate"], startsAt: Self.at(30), endsAt: endsAt, fingerprint: "aa01")
        }
        let firing = AlertObservation(name: "HighErrorRate", fingerprint: "aa01", state: .firing, at: Self.at(30))
        #expect(AlertTimeline.episodeStart(of: alert(.firing, endsAt: nil), receivedAt: Self.now) == nil)
        #expect(AlertTimeline.episodeStart(of: alert(.resolved, endsAt: Self.at(5)), receivedAt: Self.now) == firing)
        #expect(AlertTimeline.episodeStart(of: alert(.resolved, endsAt: nil), receivedAt: Self.now) == firing)
        #expect(AlertTimeline.episodeStart(of: alert(.resolved, endsAt: Self.at(40)), receivedAt: Self.now) == nil, "clock skew")
    }

    @Test func anAlertFirstSeenResolvedRecordsItsEpisodeOnceAndAfterItsFiringOnlyTheResolution() {
        let alert = AlertmanagerAlert(
            status: .resolved, labels: ["alertname": "HighErrorRate"], startsAt: Self.at(30), endsAt: Self.at(5), fingerprint: "aa01")
        let episode = [AlertTimeline.episodeStart(of: alert, receivedAt: Self.now), AlertTimeline.observation(of: alert, receivedAt: Self.now)]
            .compactMap { $0 }
        let recorded = Self.record(episode)
        #expect(recorded == [Self.row(.firing, 30), Self.row(.resolved, 5)])
        #expect(Self.record(episode, in: recorded ?? []) == nil, "a repeat of the resolved notification records nothing")
        #expect(Self.record(episode, in: [Self.row(.firing, 30)]) == [Self.row(.firing, 30), Self.row(.resolved, 5)])
        let retentionOfTenMinutes = Retention(RetentionSettings(maxEntries: 1000, maxAge: .seconds(600)))
        let pruned = Self.record(episode, retention: retentionOfTenMinutes)
        #expect(pruned == [Self.row(.resolved, 5)], "a start older than retention is not kept; the resolution is")
        #expect(Self.record(episode, in: pruned ?? [], retention: retentionOfTenMinutes) == nil)
    }
}
