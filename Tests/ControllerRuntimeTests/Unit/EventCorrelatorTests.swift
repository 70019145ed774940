import Foundation
import KubeTypes
import Testing
@testable import ControllerRuntime

@Suite("EventCorrelator: aggregation, counting and the spam filter")
struct EventCorrelatorTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let source = Event.Source(component: "ballast")

    func event(_ object: String = "web", reason: String = "Scaled", message: String = "scaled to 3", at: Date) -> Event {
        Event(
            about: ObjectReference(apiVersion: "apps/v1", kind: "Deployment", metadata: ObjectMeta(name: object, namespace: "ns", uid: "u-\(object)")),
            type: .normal, reason: reason, message: message, source: source, now: at)
    }

    @Test func identicalEventsBecomeCountPatchesAndTheFilterBoundsWrites() {
        var correlator = EventCorrelator()
        var creates = 0, patches = 0, skips = 0
        var lastCount: Int32 = 0
        for i in 0..<1000 {
            switch correlator.correlate(event(at: t0 + Double(i) * 0.001), now: t0 + Double(i) * 0.001) {
            case .create: creates += 1
            case .patch(_, _, let count, _, _): patches += 1; lastCount = count
            case .skip: skips += 1
            }
        }
        #expect(creates == 1)
        #expect(patches == 24)
        #expect(skips == 975)
        #expect(lastCount == 25)
        // One token refills every 300 s; the patch then carries the full count.
        guard case .patch(_, _, let count, _, _) = correlator.correlate(event(at: t0 + 301), now: t0 + 301) else {
            Issue.record("expected a patch after the refill"); return
        }
        #expect(count == 1001)
    }

    @Test func theFilterIsPerObject() {
        var correlator = EventCorrelator(configuration: EventCorrelatorConfiguration(burst: 2))
        let writes = ["a", "a", "a", "b", "b", "b"].map { name -> Bool in
            if case .skip = correlator.correlate(event(name, at: t0), now: t0) { return false }
            return true
        }
        #expect(writes == [true, true, false, true, true, false])
    }

    @Test func similarEventsWithDifferentMessagesAreCombinedAfterTheThreshold() {
        var correlator = EventCorrelator(configuration: EventCorrelatorConfiguration(burst: 1000))
        var outcomes: [EventWrite] = []
        for i in 0..<12 {
            outcomes.append(correlator.correlate(event(message: "replica \(i) failed", at: t0 + Double(i)), now: t0 + Double(i)))
        }
        let creates = outcomes.compactMap { write -> Event? in
            if case .create(let event) = write { return event }
            return nil
        }
        #expect(creates.count == 10)
        #expect(creates.last?.message == "(combined from similar events): replica 9 failed")
        guard case .patch(_, let name, let count, _, let message) = outcomes[10] else { Issue.record("not aggregated"); return }
        #expect(name == creates.last?.metadata.name)
        #expect(count == 2)
        #expect(message == "(combined from similar events): replica 10 failed")
    }

    @Test func similarityExpiresAfterTheWindow() {
        var correlator = EventCorrelator(configuration: EventCorrelatorConfiguration(burst: 1000))
        for i in 0..<9 { _ = correlator.correlate(event(message: "m\(i)", at: t0), now: t0) }
        guard case .create(let late) = correlator.correlate(event(message: "m9", at: t0 + 601), now: t0 + 601) else {
            Issue.record("expected a create"); return
        }
        #expect(late.message == "m9")
    }

    @Test func cachesAreBounded() {
        var cache = BoundedCache<Int, Int>(capacity: 3)
        for i in 0..<10 { cache[i] = i }
        #expect(cache.count == 3)
        #expect(cache[9] == 9)
        #expect(cache[0] == nil)
        cache[9] = nil
        #expect(cache.count == 2)
    }
}
