import BallastAPI
import Foundation
import KubeTypes
import Prometheus
import Testing
@testable import BallastOperator

/// A timeline sink that records what it is given, optionally never finishing (until cancelled).
actor RecordingTimelineSink: AlertTimelineSink {
    private(set) var batches: [[TimelineAlert]] = []
    private(set) var cancelled = 0
    private let hang: Bool

    init(hang: Bool = false) { self.hang = hang }

    func record(_ alerts: [TimelineAlert], now: Date) async {
        batches.append(alerts)
        guard hang else { return }
        do {
            try await Task.sleep(for: .seconds(60))
        } catch {
            cancelled += 1
        }
    }
}

/// How the receiver hands alerts to its timeline, and that the timeline never changes its answer.
@Suite struct AlertReceiverTimelineTests {
    let sink = InMemorySink()
    let metrics = BallastMetrics(registry: PrometheusCollectorRegistry())

    func receiver(timeline: RecordingTimelineSink, timeout: Duration = .seconds(5), scope: NamespaceScope = NamespaceScope()) -> AlertReceiver {
        AlertReceiver(
            sink: sink, timeline: timeline,
            configuration: .init(namespacePolicy: .alertNamespace(fallback: "ballast-system"), scope: scope, sinkTimeout: timeout),
            metrics: metrics)
    }

    @Test func alertsOutsideTheOperatorsNamespacesNeverReachTheTimeline() async {
        let timeline = RecordingTimelineSink()
        let alerts = [Payloads.alert(fingerprint: "0a"), Payloads.alert(namespace: "elsewhere", fingerprint: "0b")]
        let reply = await receiver(timeline: timeline, scope: NamespaceScope(["shop"])).receive(body: Payloads.bytes(Payloads.webhook(alerts: alerts)))
        #expect(reply.status == 200)
        #expect(await timeline.batches.map { $0.map(\.namespace) } == [["shop"]])
        let outside = await receiver(timeline: timeline, scope: NamespaceScope(["shop"]))
            .receive(body: Payloads.bytes(Payloads.webhook(alerts: [Payloads.alert(namespace: "elsewhere", fingerprint: "0c")])))
        #expect(outside.status == 200)
        #expect(await timeline.batches.count == 1, "a notification with nothing in scope writes no timeline")
    }

    @Test func everyAlertOfAValidNotificationReachesTheTimelineWithItsRequestNamespace() async {
        let timeline = RecordingTimelineSink()
        let alerts = [
            Payloads.alert(extraLabels: ["deployment": "web"]),
            Payloads.alert(status: "resolved", namespace: "Not_A_Namespace", fingerprint: "00000000000000ff"),
        ]
        let reply = await receiver(timeline: timeline).receive(body: Payloads.bytes(Payloads.webhook(alerts: alerts)))
        #expect(reply.status == 200)
        let batches = await timeline.batches
        #expect(batches.count == 1)
        let batch = batches.first ?? []
        #expect(batch.map(\.namespace) == ["shop", "ballast-system"], "the request namespace: the label when valid, else the fallback")
        #expect(batch.first?.labels["deployment"] == "web")
        let startsAt = KubeTime.parse("2026-11-21T08:50:10.123Z") ?? .distantPast
        #expect(batch.map(\.observations) == [
            [AlertObservation(name: "KubePodOOMKilled", fingerprint: Payloads.fingerprint, state: .firing, at: startsAt)],
            [AlertObservation(name: "KubePodOOMKilled", fingerprint: "00000000000000ff", state: .firing, at: startsAt),
             AlertObservation(name: "KubePodOOMKilled", fingerprint: "00000000000000ff", state: .resolved,
                              at: KubeTime.parse("2026-11-21T09:05:10.5Z") ?? .distantPast)],
        ])
        #expect(batch.first?.requestSpec.alert?.labels?["deployment"] == "web", "target resolution reads the same labels")
    }

    @Test func anInvalidNotificationReachesNeitherSink() async {
        let timeline = RecordingTimelineSink()
        let reply = await receiver(timeline: timeline).receive(body: Array("{}".utf8))
        #expect(reply.status == 400)
        #expect(await timeline.batches.isEmpty)
    }

    @Test func aTimelineThatDoesNotFinishIsCancelledAtTheTimeoutAndTheAnswerStays200() async {
        let timeline = RecordingTimelineSink(hang: true)
        let reply = await receiver(timeline: timeline, timeout: .milliseconds(300)).receive(body: Payloads.firing())
        #expect(reply == .ok("created 1, deduplicated 0, resolved 0, unmatched 0"))
        #expect(await timeline.cancelled == 1, "cancelled at the timeout instead of sleeping its 60 s")
        #expect(await sink.requests.count == 1)
        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(text.contains(#"ballast_alert_timeline_writes_total{result="timeout"} 1"#))
    }

    @Test func aFailingRequestSinkStillAnswers503AndTheTimelineIsStillRecorded() async {
        struct Down: Error {}
        await sink.fail(with: Down())
        let timeline = RecordingTimelineSink()
        let reply = await receiver(timeline: timeline).receive(body: Payloads.firing())
        #expect(reply.status == 503, "the request sink's semantics are unchanged")
        #expect(await timeline.batches.count == 1, "idempotent, so Alertmanager's retry records nothing twice")
    }
}
