import BallastAPI
import ClusterTestSupport
import Foundation
import KubeTypes
import Testing

/// The operator as a process: bad configuration stops it with the key named, probes and
/// metrics answer, the receiver demands its bearer token, SIGTERM ends it cleanly.
@Suite(.timeLimit(.minutes(2))) struct OperatorProcessE2ETests {
    @Test func aBadConfigurationFileStopsTheOperatorWithTheFieldNamed() async throws {
        try await Scenario.run("e2e-cfg") { scenario in
            do {
                _ = try await scenario.startOperator {
                    $0.llmProviders = [.init(name: "broken", kind: "not-a-kind", baseURL: "http://127.0.0.1:9", model: "m")]
                }
                Issue.record("ballast run started with llm.providers[0].kind: not-a-kind")
            } catch let OperatorProcessError.exitedEarly(status, log) {
                #expect(!status.signaled && status.status != 0, "a clean non-zero exit: \(status)")
                #expect(log.contains("llm.providers[0].kind"), "the message names the key:\n\(log)")
                #expect(log.contains("not-a-kind"), "and the bad value:\n\(log)")
            }
        }
    }

    @Test func probesMetricsAndTheReceiverTokenWorkOnTheRealProcessAndSIGTERMEndsItCleanly() async throws {
        try await Scenario.run("e2e-ops") { scenario in
            let ballast = try await scenario.startOperator()
            #expect(try await OperatorProcess.http("GET", "http://127.0.0.1:\(ballast.ports.probe)/healthz").0 == 200)
            let metrics = try await ballast.scrapeMetrics()
            #expect(OperatorProcess.metricValue(metrics, "ballast_emergency_stop_active") == 0, "\(metrics.prefix(2000))")

            let body = try Self.webhook(namespace: scenario.namespace)
            let anonymous = try await OperatorProcess.http("POST", ballast.webhookURL, json: body)
            #expect(anonymous.0 == 401, "no token: \(anonymous)")
            let wrong = try await OperatorProcess.http("POST", ballast.webhookURL, json: body, headers: ["Authorization": "Bearer nope"])
            #expect([401, 403].contains(wrong.0), "wrong token: \(wrong)")
            #expect(try await scenario.requests().isEmpty, "refused notifications create nothing")

            let accepted = try await OperatorProcess.http(
                "POST", ballast.webhookURL, json: body, headers: ["Authorization": "Bearer \(ballast.configuration.receiverToken)"])
            #expect(accepted.0 == 200, "the right token: \(accepted)")
            let created = try await scenario.eventually("the request the notification created") { try await scenario.requests().first }
            #expect(created.spec.alert?.fingerprint == "e2e0ops0fingerprint")
            #expect(created.spec.alert?.name == "KubeJobFailed")

            let after = try await ballast.scrapeMetrics()
            #expect(OperatorProcess.metricValue(after, "ballast_receiver_notifications_total", labels: ["code": "200"]) == 1)

            let exit = await ballast.stop(grace: 15)
            #expect(exit == .success, "SIGTERM shuts down gracefully: \(String(describing: exit))")
        }
    }

    /// An Alertmanager webhook (version 4) with one firing `KubeJobFailed` alert in `namespace`.
    static func webhook(namespace: String) throws -> Data {
        let labels = ["alertname": "KubeJobFailed", "namespace": namespace, "job_name": "nightly", "severity": "warning"]
        let alert: [String: Any] = [
            "status": "firing", "labels": labels, "annotations": ["summary": "Job failed."],
            "startsAt": KubeTime.format(Date().addingTimeInterval(-60)), "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus:9090/graph", "fingerprint": "e2e0ops0fingerprint",
        ]
        let body: [String: Any] = [
            "version": "4", "groupKey": "{}:{alertname=\"KubeJobFailed\"}", "truncatedAlerts": 0, "status": "firing",
            "receiver": "ballast", "groupLabels": ["alertname": "KubeJobFailed"], "commonLabels": labels,
            "commonAnnotations": [:] as [String: String], "externalURL": "http://127.0.0.1:9093", "alerts": [alert],
        ]
        return try JSONSerialization.data(withJSONObject: body)
    }
}
