import Foundation
import KubeTypes
import Prometheus
import Synchronization
import Testing
@testable import BallastOperator

@Suite struct AlertReceiverTests {
    let sink = InMemorySink()
    let metrics = BallastMetrics(registry: PrometheusCollectorRegistry())

    func receiver(timeout: Duration = .seconds(5), concurrency: Int = 8, scope: NamespaceScope = NamespaceScope()) -> AlertReceiver {
        AlertReceiver(
            sink: sink,
            configuration: .init(
                namespacePolicy: .alertNamespace(fallback: "ballast-system"), scope: scope, sinkTimeout: timeout,
                retryAfterSeconds: 7, maxConcurrentNotifications: concurrency),
            metrics: metrics)
    }

    @Test func firingAlertCreatesOneRequestAndRepeatsDeduplicate() async {
        let receiver = receiver()
        let first = await receiver.receive(body: Payloads.firing())
        #expect(first == .ok("created 1, deduplicated 0, resolved 0, unmatched 0"))
        let again = await receiver.receive(body: Payloads.firing())
        #expect(again == .ok("created 0, deduplicated 1, resolved 0, unmatched 0"))
        let requests = await sink.requests
        #expect(requests.count == 1)
        let key = ObjectKey(namespace: "shop", name: "kubepodoomkilled-7f3a9c0d1e2b3a4c")
        #expect(requests[key]?.dedupCount == 1)
        #expect(requests[key]?.spec.alert?.fingerprint == Payloads.fingerprint)
    }

    @Test func resolvedAlertMarksTheRequestButLeavesTheResolutionTimeToTheReconciler() async throws {
        let receiver = receiver()
        _ = await receiver.receive(body: Payloads.firing())
        let resolved = Payloads.bytes(Payloads.webhook(alerts: [Payloads.alert(status: "resolved")], status: "resolved"))
        #expect(await receiver.receive(body: resolved) == .ok("created 0, deduplicated 0, resolved 1, unmatched 0"))
        #expect(await receiver.receive(body: resolved) == .ok("created 0, deduplicated 0, resolved 0, unmatched 1"))
        let key = ObjectKey(namespace: "shop", name: "kubepodoomkilled-7f3a9c0d1e2b3a4c")
        let resolvedAt = try #require(await sink.requests[key]?.resolvedAt)
        #expect(resolvedAt == KubeTime.parse("2026-11-21T09:05:10.5Z"), "the alert's endsAt")
        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(!text.contains("ballast_alert_resolution_duration_seconds_count"), "the reconciler records it, once")
        #expect(text.contains(#"ballast_receiver_alerts_total{status="resolved",result="unmatched"} 1"#))
    }

    @Test func afterResolutionTheSameAlertStartsANewRequest() async {
        let receiver = receiver()
        _ = await receiver.receive(body: Payloads.firing())
        _ = await receiver.receive(body: Payloads.bytes(Payloads.webhook(alerts: [Payloads.alert(status: "resolved")], status: "resolved")))
        #expect(await receiver.receive(body: Payloads.firing()) == .ok("created 1, deduplicated 0, resolved 0, unmatched 0"))
        let names = await sink.requests.keys.map(\.name).sorted()
        #expect(names == ["kubepodoomkilled-7f3a9c0d1e2b3a4c", "kubepodoomkilled-7f3a9c0d1e2b3a4c-2"])
    }

    @Test func invalidBodyIsRejectedAndReachesNoSink() async {
        var alert = Payloads.alert()
        alert["fingerprint"] = nil
        let reply = await receiver().receive(body: Payloads.firing([Payloads.alert(fingerprint: "0a"), alert]))
        #expect(reply.status == 400)
        #expect(reply.message == "invalid Alertmanager payload: alerts[1].fingerprint: missing")
        #expect(await sink.firingCalls.isEmpty, "a partly valid notification creates nothing")
        #expect(String(decoding: metrics.render(), as: UTF8.self).contains(#"ballast_receiver_notifications_total{code="400"} 1"#))
    }

    @Test func anAlertRejectedForGoodIsReportedAndTheOthersAreRecorded() async {
        await sink.refuse(namespace: "gone")
        let body = Payloads.firing([
            Payloads.alert(fingerprint: "0a"), Payloads.alert(namespace: "gone", fingerprint: "0b"),
            Payloads.alert(fingerprint: "0c"),
        ])
        let reply = await receiver().receive(body: body)
        #expect(reply == .ok(
            #"created 2, deduplicated 0, resolved 0, unmatched 0, rejected 1; alerts[1] (fingerprint 0b): namespaces "gone" not found"#))
        #expect(await sink.requests.keys.map(\.namespace) == ["shop", "shop"])
        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(text.contains(#"ballast_receiver_alerts_total{status="firing",result="rejected"} 1"#))
        #expect(text.contains(#"ballast_receiver_notifications_total{code="200"} 1"#))
    }

    @Test func alertsOutsideTheScopeCreateNothingAndAreCounted() async {
        let body = Payloads.firing([
            Payloads.alert(fingerprint: "0a"), Payloads.alert(namespace: "elsewhere", fingerprint: "0b"),
            Payloads.alert(status: "resolved", namespace: "elsewhere", fingerprint: "0c"),
        ])
        let reply = await receiver(scope: NamespaceScope(["shop"])).receive(body: body)
        #expect(reply == .ok(
            "created 1, deduplicated 0, resolved 0, unmatched 0, outOfScope 2; "
                + "alerts[1] (fingerprint 0b): namespace elsewhere is outside the operator's namespaces; "
                + "alerts[2] (fingerprint 0c): namespace elsewhere is outside the operator's namespaces"))
        #expect(await sink.firingCalls.map(\.namespace) == ["shop"], "the out-of-scope alerts never reached the sink")
        #expect(await sink.resolvedCalls.isEmpty)
        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(text.contains(#"ballast_receiver_alerts_total{status="firing",result="outOfScope"} 1"#))
        #expect(text.contains(#"ballast_receiver_alerts_total{status="resolved",result="outOfScope"} 1"#))
    }

    @Test func anAlertNameLongerThanTheCRDAllowsIs400() async {
        let long = String(repeating: "é", count: 254)
        let reply = await receiver().receive(body: Payloads.firing([Payloads.alert(name: long)]))
        #expect(reply == .badRequest(
            "invalid Alertmanager payload: alerts[0].labels.alertname: 254 characters exceed the limit of 253 (spec.alert.name)"))
        #expect(await sink.firingCalls.isEmpty)
        let atLimit = await receiver().receive(body: Payloads.firing([Payloads.alert(name: String(repeating: "é", count: 253))]))
        #expect(atLimit.status == 200)
    }

    @Test func sinkFailureAnswers503WithRetryAfterNamingTheAlert() async {
        await sink.fail(with: SinkDown())
        let reply = await receiver().receive(body: Payloads.firing())
        #expect(reply == .unavailable(
            "alerts[0] (fingerprint 7f3a9c0d1e2b3a4c): not recorded: API server unreachable", retryAfter: 7))
    }

    @Test func slowSinkIsCancelledAtTheTimeout() async {
        await sink.slowDown(by: .seconds(3600))
        let reply = await receiver(timeout: .milliseconds(200)).receive(body: Payloads.firing())
        #expect(reply.status == 503)
        #expect(reply.retryAfter == 7)
        #expect(reply.message.contains("did not finish within"))
        #expect(await sink.callsCancelled == 1, "the hour-long sink call was cancelled, not awaited")
    }

    @Test(.timeLimit(.minutes(10)))
    func notificationsBeyondTheConcurrencyLimitAreTurnedAwayAtOnce() async {
        await sink.hold()
        let receiver = receiver(timeout: .seconds(3600), concurrency: 1)
        async let first = receiver.receive(body: Payloads.firing())
        // Wait until the first notification holds the only slot (inside the sink), however
        // slowly a machine busy with hundreds of other tests schedules it (the time limit
        // stops a broken receiver).
        while await sink.callsStarted == 0 {
            try? await Task.sleep(for: .milliseconds(10))
        }
        #expect(await sink.callsStarted == 1)
        let second = await receiver.receive(body: Payloads.firing([Payloads.alert(fingerprint: "0b")]))
        #expect(second.status == 503)
        #expect(second.message.contains("too many notifications"))
        #expect(await sink.callsStarted == 1, "the second notification never reached the sink")
        await sink.release()
        #expect(await first.status == 200)
    }
}

extension AlertReceiverTests {
    /// The concurrency place is taken before the body is read: while one notification's body is
    /// still streaming in, another is turned away without its body being read, and the place is
    /// given back however the read ends.
    @Test(.timeLimit(.minutes(10)))
    func theConcurrencyPlaceIsTakenBeforeTheBodyIsRead() async {
        let receiver = receiver(concurrency: 1)
        let (started, startedSignal) = AsyncStream<Void>.makeStream()
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        async let first = receiver.receive { () async -> NotificationBody in
            startedSignal.yield()
            for await _ in release { break }
            return .bytes(Payloads.firing())
        }
        for await _ in started { break }
        let readsOfSecond = ReadCount()
        let second = await receiver.receive { () async -> NotificationBody in
            readsOfSecond.add()
            return .bytes(Payloads.firing())
        }
        #expect(second.status == 503 && second.message.contains("too many notifications"))
        #expect(readsOfSecond.value == 0, "the second body was never read")
        releaseSignal.yield()
        #expect(await first.status == 200)

        let refused = await receiver.receive { .refused(.tooLarge(limit: 1024)) }
        #expect(refused.status == 413)
        #expect(await receiver.receive(body: Payloads.firing()).status == 200, "the refused read gave its place back")
        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(text.contains(#"ballast_receiver_notifications_total{code="503"} 1"#))
        #expect(text.contains(#"ballast_receiver_notifications_total{code="413"} 1"#))
    }
}

/// Counts body reads across tasks.
final class ReadCount: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func add() { count.withLock { $0 += 1 } }
}

@Suite struct DeadlineTests {
    @Test func returnsTheResultInTime() async throws {
        #expect(try await withDeadline(.seconds(5)) { 42 } == 42)
    }

    @Test func throwsAndCancelsWhenLate() async {
        await #expect(throws: DeadlineExceeded.self) {
            try await withDeadline(.milliseconds(50)) {
                try await Task.sleep(for: .seconds(30))
                return 1
            }
        }
    }
}

@Suite struct ConcurrencyGateTests {
    @Test func admitsUpToTheLimit() {
        let gate = ConcurrencyGate(limit: 2)
        #expect(gate.enter() && gate.enter())
        #expect(!gate.enter())
        gate.leave()
        #expect(gate.enter())
    }
}
