import BallastAPI
import Foundation
import Prometheus
import Testing
@testable import BallastOperator

/// A timeline sink whose first `hangingCalls` calls never finish (until cancelled), as calls to
/// an API server that is down would; later calls return at once.
actor FlakyTimelineSink: AlertTimelineSink {
    private(set) var batches: [[TimelineAlert]] = []
    private(set) var cancelled = 0
    private var hangingCalls: Int

    init(hangingCalls: Int) { self.hangingCalls = hangingCalls }

    func record(_ alerts: [TimelineAlert], now: Date) async {
        batches.append(alerts)
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

    /// Runs `backlog` against `sink` while `body` runs, then stops it.
    func running(_ backlog: AlertTimelineBacklog, _ sink: FlakyTimelineSink, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await backlog.run(sink: sink) }
            defer { group.cancelAll() }
            try await body()
        }
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
        try await running(backlog, sink) {
            try await sink.waitForCalls(2)
            #expect(await sink.batches.map { $0.map(\.observation.name) } == [["B"], ["C"]])
            try await eventually("the backlog empty once the calls returned") { metric("ballast_alert_timeline_backlog 0") }
        }
        #expect(backlog.count == 0)
    }

    @Test func aNotificationThatCannotLandWithinMaxAgeIsGivenUpAndCountedExpired() async throws {
        let backlog = AlertTimelineBacklog(limits: .init(maxAge: .milliseconds(300)), metrics: metrics)
        let sink = FlakyTimelineSink(hangingCalls: 1)
        backlog.add([Self.alert("A")], receivedAt: Date())
        try await running(backlog, sink) {
            try await eventually("given up at maxAge") { metric(#"ballast_alert_timeline_writes_total{result="expired"} 1"#) }
            // Called once and cut short at maxAge — or, on a machine so loaded that the backlog
            // got its first turn after maxAge had passed, not called at all. Never retried.
            let calls = await sink.batches.count
            #expect(calls <= 1, "given up, not retried")
            #expect(await sink.cancelled == calls, "a call in flight at maxAge is cancelled")
            #expect(backlog.count == 0)
        }
    }

    @Test func stoppingKeepsTheNotificationInHandCountedAsWaiting() async throws {
        let backlog = AlertTimelineBacklog(metrics: metrics)
        let sink = FlakyTimelineSink(hangingCalls: 1)
        backlog.add([Self.alert("A")], receivedAt: Date())
        try await running(backlog, sink) {
            try await sink.waitForCalls(1)
            #expect(backlog.count == 0, "taken out while it is being recorded")
            #expect(metric("ballast_alert_timeline_backlog 1"), "but still waiting to land")
        }
        #expect(backlog.count == 1, "put back when the run stopped mid-call")
        #expect(!metric(#"result="expired""#))
    }
}
