import BallastAPI
import BallastCore
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

@Suite struct WireFormTests {
    typealias F = ReconcilerFixture

    /// A recompute from statuses read back from the API server equals, in wire form, the status
    /// it was computed from: the reconciler's "unchanged" test holds however instants round.
    @Test(arguments: [0.0, 0.123456, 0.9999996, 0.5000004, 0.3333333])
    func aRecomputedStatusReadBackIsStable(fraction: Double) throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000 + fraction)
        let entries = F.oscillation(endingAt: 5, relativeTo: now)
        let history = ActionHistory(
            metadata: ObjectMeta(name: "deployment-web", namespace: "shop", generation: 1),
            spec: ActionHistorySpec(target: F.web), status: ActionHistoryStatus(entries: entries))
        var stored = history
        stored.status = WireForm.normalized(HistoryStatus.recompute(history, now: now))
        #expect(stored.status?.patterns?.isEmpty == false)
        let later = now.addingTimeInterval(1.2345678)
        #expect(WireForm.normalized(HistoryStatus.recompute(stored, now: later)) == stored.status)
        #expect(WireForm.normalized(stored.status) == stored.status, "normalizing is idempotent")
    }
}
