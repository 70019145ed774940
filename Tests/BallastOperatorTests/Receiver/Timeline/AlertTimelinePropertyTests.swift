import BallastAPI
import BallastCore
import Foundation
import KubeTypes
import PropertyBased
import Testing
@testable import BallastOperator

/// Properties of the alert timeline over random timelines and notifications.
@Suite struct AlertTimelinePropertyTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Three fingerprints of two alert names, either state, within the last three hours.
    static let observation = zip(Gen.int(in: 0...2), Gen.bool, Gen.int(in: 0...180)).map { pick, firing, minutesAgo in
        AlertObservation(
            name: pick == 2 ? "DiskFull" : "HighErrorRate", fingerprint: ["aa01", "bb02", "cc03"][pick],
            state: firing ? .firing : .resolved, at: now.addingTimeInterval(-Double(minutesAgo) * 60))
    }
    /// Retention from tight (one row, 30 minutes) to the default.
    static let retention = zip(Gen.int(in: 1...120), Gen.int(in: 30...800)).map { maxEntries, maxAgeMinutes in
        Retention(RetentionSettings(maxEntries: maxEntries, maxAge: .minutes(Int64(maxAgeMinutes))))
    }

    @Test func applyingABatchTwiceIsApplyingItOnce() async {
        await propertyCheck(count: 500, input: Self.observation.array(of: 0...40), Self.observation.array(of: 1...25), Self.retention) {
            existing, batch, retention in
            guard let once = AlertTimeline.recording(batch, in: existing, retention: retention, now: Self.now) else { return }
            #expect(AlertTimeline.recording(batch, in: once, retention: retention, now: Self.now) == nil)
            #expect(AlertTimeline.recording(batch.reversed(), in: once, retention: retention, now: Self.now) == nil)
        }
    }

    @Test func theResultIsOrderedByTimeBoundedAndMadeOfKnownRows() async {
        await propertyCheck(count: 300, input: Self.observation.array(of: 0...260), Self.observation.array(of: 1...40)) { existing, batch in
            let retention = Retention(RetentionSettings(maxEntries: 1000))
            guard let result = AlertTimeline.recording(batch, in: existing, retention: retention, now: Self.now) else { return }
            #expect(result.count <= AlertTimeline.maxRows)
            #expect(zip(result, result.dropFirst()).allSatisfy { !AlertObservation.canonicalOrder($1, $0) })
            #expect(zip(result, result.dropFirst()).allSatisfy { $0.at <= $1.at })
            let known = Set(existing + batch)
            #expect(result.allSatisfy(known.contains))
        }
    }

    /// With nothing pruned, every row the batch adds changes its fingerprint's state, and no
    /// (fingerprint, state, at) is ever recorded twice.
    @Test func onlyChangesAreRecorded() async {
        await propertyCheck(count: 500, input: Self.observation.array(of: 1...30).array(of: 1...6)) { notifications in
            let retention = Retention(RetentionSettings(maxEntries: 1000))
            var timeline: [AlertObservation] = []
            for batch in notifications {
                timeline = AlertTimeline.recording(batch, in: timeline, retention: retention, now: Self.now) ?? timeline
            }
            #expect(Set(timeline).count == timeline.count)
            for fingerprint in Set(timeline.compactMap(\.fingerprint)) {
                let states = timeline.filter { $0.fingerprint == fingerprint }.map(\.state)
                #expect(states.first == .firing, "a fingerprint's timeline starts Firing")
                #expect(zip(states, states.dropFirst()).allSatisfy { $0 != $1 }, "\(fingerprint): \(states)")
            }
        }
    }
}
