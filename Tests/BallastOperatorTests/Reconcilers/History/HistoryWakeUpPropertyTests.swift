import BallastAPI
import BallastCore
import Foundation
import KubeTypes
import PropertyBased
import Testing
@testable import BallastOperator

/// The wake-up never sleeps through a change: recomputing a history at any instant strictly
/// between `now` and ``HistoryWakeUp/next(after:status:retention:thresholds:)`` gives the same
/// status as at `now`.
@Suite struct HistoryWakeUpPropertyTests {
    typealias F = ReconcilerFixture

    static let actions: [ActionName] = [.scaleDeployment, .increaseResources, .restartDeployment]

    /// Entries within the last ~4 hours (some a little in the future), poorly to well effective.
    static let entries = zip(
        Gen.int(in: 0...(actions.count - 1)), Gen.int(in: -5...240), Gen.int(in: 0...3), Gen.int(in: 1...6), Gen.int(in: 1...6),
        Gen.int(in: 0...1_000_000)
    ).map { action, minutes, score, from, to, id in
        ActionEntry(
            actionId: String(id, radix: 16), alert: "A", action: actions[action], state: .succeeded,
            startedAt: F.ago(Double(minutes)), before: ["replicas": .int(Int64(from))], after: ["replicas": .int(Int64(to))],
            effectiveness: Double(score) / 4)
    }.array(of: 0...12)

    /// Alert changes within the last ~2 hours for two alerts.
    static let alerts = zip(Gen.bool, Gen.bool, Gen.int(in: -3...130)).map { first, firing, minutes in
        AlertObservation(name: first ? "A" : "B", state: firing ? .firing : .resolved, at: F.ago(Double(minutes)))
    }.array(of: 0...12)

    @Test func nothingChangesBeforeTheWakeUp() async {
        let retention = RetentionSettings(maxEntries: 100, maxAge: .hours(3))
        await propertyCheck(count: 300, input: Self.entries, Self.alerts, Gen.double(in: 0.001...0.999)) { entries, alerts, fraction in
            let history = ActionHistory(
                metadata: ObjectMeta(name: "deployment-web", namespace: "shop", generation: 1),
                spec: ActionHistorySpec(target: F.web, retention: retention),
                status: ActionHistoryStatus(entries: entries, alerts: alerts))
            let atNow = HistoryStatus.recompute(history, now: F.now)
            let next = HistoryWakeUp.next(
                after: F.now, status: atNow, retention: Retention(retention), thresholds: OscillationThresholds())
            let horizon = next.map { $0.timeIntervalSince(F.now) } ?? 86_400
            let later = HistoryStatus.recompute(history, now: F.now.addingTimeInterval(horizon * fraction))
            #expect(later.entries == atNow.entries)
            #expect(later.alerts == atNow.alerts)
            #expect(later.patterns == atNow.patterns)
            #expect(later.flappingAlerts == atNow.flappingAlerts)
            #expect(later.summary == atNow.summary)
        }
    }
}
