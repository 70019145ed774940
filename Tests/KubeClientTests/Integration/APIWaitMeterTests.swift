import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

@Suite("API wait meter: the time a task spends with an API call in flight")
struct APIWaitMeterTests {
    @Test("calls inside measure are counted, concurrent ones once; calls outside are not")
    func countsCallsInsideOnlyAndOverlapsOnce() async throws {
        try await withTestClient { client, _, namespace in
            let meter = APIWaitMeter()
            #expect(meter.waited == .zero)
            _ = try await client.get(Namespace.self, .namespaces, name: namespace)
            #expect(meter.waited == .zero, "a call outside measure is not counted")

            let started = ContinuousClock.now
            try await meter.measure {
                // Child tasks inherit the meter; sixteen calls in flight at once.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<16 {
                        group.addTask { _ = try await client.get(Namespace.self, .namespaces, name: namespace) }
                    }
                    try await group.waitForAll()
                }
            }
            let wall = ContinuousClock.now - started
            let waited = meter.waited
            #expect(waited > .zero, "the calls of child tasks are counted")
            #expect(waited <= wall, "overlapping calls count once: \(waited) of \(wall) wall time")
            #expect(meter.waited == waited, "nothing in flight any more: the total stays put")
        }
    }

    @Test("a failed call is counted too, and ends")
    func failedCallsEnd() async throws {
        try await withTestClient { client, _, namespace in
            let meter = APIWaitMeter()
            let code = await errorCode {
                try await meter.measure { _ = try await client.get(ConfigMap.self, .configMaps, name: "absent", namespace: namespace) }
            }
            #expect(code == .notFound)
            let waited = meter.waited
            #expect(waited > .zero)
            #expect(meter.waited == waited, "the failed call no longer counts as in flight")
        }
    }
}
