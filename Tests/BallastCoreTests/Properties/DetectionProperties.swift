import BallastAPI
import Foundation
import KubeTypes
import PropertyBased
import Testing
@testable import BallastCore

@Suite struct DetectionProperties {
    @Test func detectionIgnoresInputOrder() async {
        await propertyCheck(input: Gens.entries, Gens.observations) { entries, alerts in
            let ordered = OscillationDetector.analyse(entries: entries, alerts: alerts, now: Fixture.now)
            let shuffled = OscillationDetector.analyse(
                entries: entries.shuffled(), alerts: alerts.shuffled(), now: Fixture.now)
            #expect(ordered == shuffled)
        }
    }

    /// Moving every timestamp and `now` by the same whole number of flap intervals moves every
    /// pattern by exactly that much and changes nothing else: only relative times matter.
    @Test func detectionDependsOnlyOnTimestamps() async {
        await propertyCheck(input: Gens.entries, Gens.observations, Gen.int(in: -1000...1000)) { entries, alerts, steps in
            let offset = Double(steps) * 300
            let moved = entries.map { entry -> ActionEntry in
                var copy = entry
                copy.startedAt = entry.startedAt.addingTimeInterval(offset)
                return copy
            }
            let movedAlerts = alerts.map { AlertObservation(name: $0.name, state: $0.state, at: $0.at.addingTimeInterval(offset)) }
            let before = OscillationDetector.analyse(entries: entries, alerts: alerts, now: Fixture.now).patterns
            let after = OscillationDetector.analyse(
                entries: moved, alerts: movedAlerts, now: Fixture.now.addingTimeInterval(offset)).patterns
            #expect(after.count == before.count)
            for (a, b) in zip(before, after) {
                #expect(b.type == a.type && b.severity == a.severity && b.occurrences == a.occurrences)
                #expect(b.firstSeen == a.firstSeen.addingTimeInterval(offset))
                #expect(b.blockedUntil == a.blockedUntil?.addingTimeInterval(offset))
            }
        }
    }

    @Test func everyDetectionIsWellFormed() async {
        await propertyCheck(input: Gens.entries, Gens.observations) { entries, alerts in
            for pattern in OscillationDetector.analyse(entries: entries, alerts: alerts, now: Fixture.now).patterns {
                #expect(pattern.occurrences > 0)
                #expect(pattern.firstSeen <= pattern.lastSeen)
                #expect((pattern.blockedUntil ?? .distantPast) > pattern.lastSeen)
            }
        }
    }

    @Test func retentionIsIdempotentAndBounded() async {
        await propertyCheck(input: Gens.entries, Gen.int(in: 0...50), Gen.int(in: 1...400)) { entries, maxEntries, minutes in
            let retention = Retention(RetentionSettings(maxEntries: maxEntries, maxAge: .minutes(Int64(minutes))))
            let once = retention.prune(entries, now: Fixture.now)
            #expect(retention.prune(once.shuffled(), now: Fixture.now) == once)
            let pending = entries.filter { $0.state == .pending }
            #expect(once.count <= max(maxEntries, pending.count))
            #expect(once.allSatisfy { $0.state == .pending || $0.startedAt >= Fixture.ago(Double(minutes)) })
            #expect(Set(pending.map(\.actionId)).isSubset(of: once.map(\.actionId)), "an action in flight is never pruned")
        }
    }
}
