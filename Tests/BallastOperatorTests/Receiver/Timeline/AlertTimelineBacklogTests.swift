import BallastAPI
import Foundation
import Prometheus
import Synchronization
import Testing
@testable import BallastOperator

/// A timeline sink whose first `hangingCalls` calls never finish (until cancelled), as calls to
/// an API server that is down would; later calls return at once.
actor FlakyTimelineSink: AlertTimelineSink {
    private(set) var batches: [[TimelineAlert]] = []
    private(set) var cancelled = 0
    private var hangingCalls: Int
    private let onCall: @Sendable () -> Void

    /// `onCall` runs at the start of each call (a test stops the caller there, as a shutdown
    /// would in the middle of a call).
    init(hangingCalls: Int, onCall: @escaping @Sendable () -> Void = {}) {
        self.hangingCalls = hangingCalls
        self.onCall = onCall
    }

    func record(_ alerts: [TimelineAlert], now: Date) async {
        batches.append(alerts)
        onCall()
        guard hangingCalls > 0 else { return }
        hangingCalls -= 1
        do {
            try await Task.sleep(for: .seconds(60))
        } catch {
            cancelled += 1
        }
    }

    /// Waits until `count` calls were made.
    nonisolated func waitForCalls(_ count: Int) async throws {
        try await eventually("the sink called \(count) times") { await self.batches.count >= count }
    }
}

/// Waits until `condition` holds, at most a minute: these tests run beside hundreds of others
/// on two cores, where a background task can wait seconds for a thread.
private func eventually(_ what: String, _ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while await !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("not within a minute: \(what)")
            return
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// The background re-recording of timelines that outlasted the receiver's timeout.
@Suite struct AlertTimelineBacklogTests {
    let metrics = BallastMetrics(registry: PrometheusCollectorRegistry())

    func metric(_ line: String) -> Bool {
        String(decoding: metrics.render(), as: UTF8.self).contains(line)
    }

    static func alert(_ name: String) -> TimelineAlert {
        TimelineAlert(
            namespace: "shop", labels: ["alertname": name, "deployment": "web"],
            observation: AlertObservation(name: name, fingerprint: "00000000000000aa", state: .resolved, at: Date(timeIntervalSince1970: 1_000)))
    }

    @Test func aTimelineThatOutlastsTheReceiversTimeoutIsRecordedAgainInTheBackground() async throws {
        let sink = FlakyTimelineSink(hangingCalls: 1)
        let receiver = AlertReceiver(
            sink: InMemorySink(), timeline: sink,
            configuration: .init(namespacePolicy: .alertNamespace(fallback: "ballast-system"), sinkTimeout: .milliseconds(200)),
            metrics: metrics)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await receiver.runTimelineBacklog() }
            defer { group.cancelAll() }
            let reply = await receiver.receive(body: Payloads.firing())
            #expect(reply.status == 200, "the answer never depends on the timeline")
            try await sink.waitForCalls(2)
            let batches = await sink.batches
            #expect(batches.count == 2 && batches[1] == batches[0], "the same alerts, received at the same time, recorded again")
            #expect(await sink.cancelled == 1)
            #expect(metric(#"ballast_alert_timeline_writes_total{result="timeout"} 1"#))
            try await eventually("the backlog empty once the call returned") { metric("ballast_alert_timeline_backlog 0") }
            #expect(receiver.timelineBacklogCount == 0)
            #expect(!metric(#"result="expired""#))
        }
    }

    @Test func aFullBacklogPushesOutTheOldestAndRecordsTheRestOldestFirst() async throws {
        let backlog = AlertTimelineBacklog(limits: .init(capacity: 2), metrics: metrics)
        for name in ["A", "B", "C"] { backlog.add([Self.alert(name)], receivedAt: Date()) }
        #expect(backlog.count == 2)
        #expect(metric("ballast_alert_timeline_backlog 2"))
        #expect(metric(#"ballast_alert_timeline_writes_total{result="expired"} 1"#))
        let sink = FlakyTimelineSink(hangingCalls: 0)
        #expect(await backlog.drain(into: sink))
        #expect(await sink.batches.map { $0.map(\.observation.name) } == [["B"], ["C"]])
        #expect(backlog.count == 0)
        #expect(metric("ballast_alert_timeline_backlog 0"))
    }

    @Test func aNotificationThatCannotLandWithinMaxAgeIsGivenUpAndCountedExpired() async throws {
        let backlog = AlertTimelineBacklog(limits: .init(maxAge: .milliseconds(300)), metrics: metrics)
        let sink = FlakyTimelineSink(hangingCalls: 1)
        backlog.add([Self.alert("A")], receivedAt: Date())
        #expect(await backlog.drain(into: sink))
        #expect(metric(#"ballast_alert_timeline_writes_total{result="expired"} 1"#))
        // Called once and cut short at maxAge — or, on a machine so loaded that 300 ms passed
        // between the add and the drain, not called at all. Never retried.
        let calls = await sink.batches.count
        #expect(calls <= 1, "given up, not retried")
        #expect(await sink.cancelled == calls, "a call in flight at maxAge is cancelled")
        #expect(backlog.count == 0)
        #expect(metric("ballast_alert_timeline_backlog 0"))
    }

    @Test func stoppingPutsTheNotificationInHandBackFirstInLine() async throws {
        let backlog = AlertTimelineBacklog(metrics: metrics)
        let drainTask = Mutex<Task<Bool, Never>?>(nil)
        let sink = FlakyTimelineSink(hangingCalls: 1, onCall: { drainTask.withLock { $0?.cancel() } })
        backlog.add([Self.alert("A")], receivedAt: Date())
        backlog.add([Self.alert("B")], receivedAt: Date())
        // The drain starts once its handle is stored, so the sink can stop it mid-call.
        let (start, go) = AsyncStream.makeStream(of: Void.self)
        let task = Task {
            for await _ in start { break }
            return await backlog.drain(into: sink)
        }
        drainTask.withLock { $0 = task }
        go.yield()
        let drained = await task.value
        #expect(!drained, "stopped by the cancellation")
        #expect(await sink.batches.map { $0.map(\.observation.name) } == [["A"]], "B was not started")
        #expect(backlog.count == 2, "A put back, B still waiting")
        #expect(!metric(#"result="expired""#))
        let resumed = FlakyTimelineSink(hangingCalls: 0)
        #expect(await backlog.drain(into: resumed))
        #expect(await resumed.batches.map { $0.map(\.observation.name) } == [["A"], ["B"]], "A first, as it was")
    }
}
