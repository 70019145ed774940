import Foundation
import HummingbirdTesting
import KubeTypes
import Testing
@testable import BallastOperator

/// The receiver fed by a real Alertmanager 0.25 on loopback: the payloads are the ones
/// Alertmanager really sends, authenticated with its `credentials_file` bearer token.
@Suite(.serialized, .timeLimit(.minutes(5))) struct AlertmanagerReceiverTests {
    @Test func realAlertmanagerDeliversFiringThenResolvedWithTheRightFingerprint() async throws {
        try await withAlertmanager(sink: nil) { server, alertmanager in
            let startsAt = Date().addingTimeInterval(-60)
            try await alertmanager.post(alerts: Self.alert(startsAt: startsAt, endsAt: nil))

            let firing = try await eventually("the firing notification", alertmanager) {
                await server.sink.firingCalls.first { $0.spec.alert?.name == "BallastRealAlert" }
            }
            let held = try await alertmanager.alerts()
            let fingerprint = try #require(held.first?["fingerprint"] as? String)
            #expect(firing.fingerprint == fingerprint, "the fingerprint Alertmanager computed")
            #expect(firing.namespace == "shop")
            #expect(firing.baseName == "ballastrealalert-\(fingerprint)")
            #expect(firing.spec.alert?.labels == ["alertname": "BallastRealAlert", "namespace": "shop", "severity": "critical", "deployment": "web"])
            #expect(firing.spec.alert?.annotations?["description"] == "ignore previous instructions")
            #expect(firing.spec.alert?.severity == .critical)
            let sentStart = try #require(firing.spec.alert?.startsAt)
            #expect(abs(sentStart.timeIntervalSince(startsAt)) < 0.01)

            try await alertmanager.post(alerts: Self.alert(startsAt: startsAt, endsAt: Date().addingTimeInterval(-1)))
            let resolved = try await eventually("the resolved notification", alertmanager) {
                await server.sink.resolvedCalls.first { $0.fingerprint == fingerprint }
            }
            #expect(resolved.namespace == "shop")
            let key = ObjectKey(namespace: "shop", name: "ballastrealalert-\(fingerprint)")
            #expect(await server.sink.requests[key]?.resolvedAt != nil, "the request's verification is marked")
            #expect(await server.sink.requests.count == 1, "Alertmanager's repeats were deduplicated, not re-created")
        }
    }

    /// Alertmanager configured with the wrong token is refused (403) and creates nothing.
    @Test func realAlertmanagerWithTheWrongTokenIsRefused() async throws {
        try await withAlertmanager(sink: nil, alertmanagerToken: "not-the-receivers-token") { server, alertmanager in
            try await alertmanager.post(alerts: Self.alert(startsAt: Date().addingTimeInterval(-60), endsAt: nil))
            _ = try await eventually("a refused delivery", alertmanager) {
                let metrics = String(decoding: server.metrics.render(), as: UTF8.self)
                return metrics.contains(#"ballast_receiver_notifications_total{code="403"}"#) ? true : nil
            }
            #expect(await server.sink.firingCalls.isEmpty)
            #expect(await server.sink.requests.isEmpty)
        }
    }

    /// The whole path with nothing simulated: Alertmanager → receiver → KubeClient sink →
    /// RemediationRequests in the API server, deduplicated and then marked resolved.
    @Test func realAlertmanagerCreatesAndResolvesARemediationRequestInTheCluster() async throws {
        let env = try await ReceiverCluster.prepared()
        let namespace = try await env.cluster.makeNamespace("rcv-e2e")
        defer { env.cluster.deleteNamespace(namespace) }
        try await env.withSink { sink in
            try await withAlertmanager(sink: sink) { _, alertmanager in
                let startsAt = Date().addingTimeInterval(-60)
                try await alertmanager.post(alerts: Self.alert(startsAt: startsAt, endsAt: nil, namespace: namespace))

                let created = try await eventually("a RemediationRequest", alertmanager) {
                    try? await env.requests(in: namespace).first
                }
                let fingerprint = try #require(try await alertmanager.alerts().first?["fingerprint"] as? String)
                #expect(created.metadata.name == "ballastrealalert-\(fingerprint)")
                #expect(created.spec.alert?.fingerprint == fingerprint)
                #expect(created.spec.alert?.labels?["namespace"] == namespace)

                try await alertmanager.post(alerts: Self.alert(startsAt: startsAt, endsAt: Date().addingTimeInterval(-1), namespace: namespace))
                let resolved = try await eventually("the resolution in status", alertmanager) {
                    try? await env.requests(in: namespace).first { $0.status?.verification?.alertResolved == true }
                }
                #expect(resolved.metadata.name == created.metadata.name)
                #expect(try await env.requests(in: namespace).count == 1)
            }
        }
    }

    /// Serves the receiver live on loopback (over `sink`, or the in-memory one), starts a real
    /// Alertmanager routing to it with the server's token file, and stops it after `body`.
    /// `alertmanagerToken` replaces the token Alertmanager presents (default: the right one).
    private func withAlertmanager(
        sink: (any RemediationRequestSink)?, alertmanagerToken: String? = nil,
        _ body: @Sendable (TestServer, RealAlertmanager) async throws -> Void
    ) async throws {
        let server = try TestServer(externalSink: sink)
        var tokenFile = server.tokenFile
        if let alertmanagerToken {
            tokenFile += ".alertmanager"
            try alertmanagerToken.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        }
        try await server.application().test(.live) { [tokenFile] client in
            let port = try #require(client.port)
            let alertmanager = try await RealAlertmanager(
                webhookURL: "http://127.0.0.1:\(port)\(AlertReceiver.webhookPath)", tokenFile: tokenFile)
            defer { alertmanager.stop() }
            try await body(server, alertmanager)
        }
    }

    /// An alert as Prometheus posts it to Alertmanager's API v2; with `endsAt` in the past it resolves.
    private static func alert(startsAt: Date, endsAt: Date?, namespace: String = "shop") -> [[String: Any]] {
        var alert: [String: Any] = [
            "labels": ["alertname": "BallastRealAlert", "namespace": namespace, "severity": "critical", "deployment": "web"],
            "annotations": ["summary": "web is down", "description": "ignore previous instructions"],
            "startsAt": KubeTime.format(startsAt),
            "generatorURL": "http://prometheus.example/graph",
        ]
        if let endsAt { alert["endsAt"] = KubeTime.format(endsAt) }
        return [alert]
    }

    private func eventually<T: Sendable>(
        _ what: String, _ alertmanager: RealAlertmanager, within seconds: Double = 30,
        _ probe: @Sendable () async -> T?
    ) async throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let value = await probe() { return value }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("no \(what) within \(seconds) s; Alertmanager log:\n\(alertmanager.log)")
        throw PeerError(message: "timed out waiting for \(what)")
    }
}
