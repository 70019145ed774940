import BallastAPI
import ClusterTestSupport
import Foundation
import KubeTypes
import Testing

/// The alert timeline end to end: alerts posted to the running operator's receiver become rows
/// of the target's ActionHistory, and the ActionHistory reconciler detects flapping (pattern,
/// `Oscillating` condition, Event) and cascading failures from them.
@Suite(.timeLimit(.minutes(3))) struct AlertTimelineE2ETests {
    static let fingerprint = "5e1f00d2ab34cd56"

    @Test func aFlappingAlertIsRecordedOnItsTargetAndDetectedAsFlapping() async throws {
        try await Scenario.run("e2e-timeline") { scenario in
            // DryRun: the requests the alerts create must not touch the Deployment.
            try await scenario.applyPolicy(["mode": "DryRun"])
            try await scenario.createDeployment("web")
            let ballast = try await scenario.startOperator()
            let token = try String(contentsOfFile: ballast.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)

            // Four firing/resolved episodes: a state change every 5 minutes from 50 to 15 minutes
            // ago (whole seconds, as the API server keeps times). The flap detector (anchors:
            // Nagios, 21 states = 20 intervals of flapInterval, default 5m, weights
            // 0.75 + (i−1)·0.5/19) sees 7 changes in intervals 11…17 of 20: ≈ 38 % state change
            // (37 % if the interval turns over meanwhile), above the 30 % start threshold and
            // below the 50 % that makes it Critical.
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let changes = (0..<8).map { index in
                (firing: index.isMultiple(of: 2), at: now.addingTimeInterval(-Double(50 - 5 * index) * 60))
            }
            for (index, change) in changes.enumerated() {
                let startsAt = change.firing ? change.at : changes[index - 1].at
                let alert = Self.alert(namespace: scenario.namespace, startsAt: startsAt, endsAt: change.firing ? nil : change.at)
                try await Self.post(alert, to: ballast.webhookURL, token: token)
                if index == 4 {
                    // Alertmanager's repeat of the same notification: nothing new.
                    try await Self.post(alert, to: ballast.webhookURL, token: token)
                }
            }

            let expected = changes.map { change in
                AlertObservation(name: "HighErrorRate", fingerprint: Self.fingerprint, state: change.firing ? .firing : .resolved, at: change.at)
            }
            // The reconciler may report Flapping before the last rows arrive (6 changes already
            // make 30 %): wait for the analysis that saw the last change.
            let lastChange = try #require(changes.last?.at)
            let history = try await scenario.eventually("the Flapping pattern up to the last change", timeout: .seconds(60)) {
                try await scenario.history(ofDeployment: "web").flatMap { history in
                    history.status?.patterns?.contains { $0.type == .flapping && $0.lastSeen == lastChange } == true ? history : nil
                }
            }
            #expect(history.status?.alerts == expected, "every change once, oldest first; the repeat added nothing")
            #expect(history.spec.target.kind == "Deployment" && history.spec.target.name == "web")
            let pattern = try #require(history.status?.patterns?.first { $0.type == .flapping })
            #expect(pattern.severity == .high, "\(pattern.message)")
            #expect(pattern.occurrences == 7, "\(pattern.message)")
            #expect(pattern.message.contains("HighErrorRate"), "\(pattern.message)")
            #expect(history.status?.flappingAlerts == ["HighErrorRate"])
            let oscillating = history.status?.conditions?.first { $0.type == "Oscillating" }
            #expect(oscillating?.status == .true)
            #expect(oscillating?.reason == "Flapping")
            try await scenario.waitForEvent("OscillationDetected", about: try #require(history.metadata.name))

            let metrics = try await ballast.scrapeMetrics()
            let recorded = OperatorProcess.metricValue(metrics, "ballast_alert_timeline_writes_total", labels: ["result": "recorded"])
            let unchanged = OperatorProcess.metricValue(metrics, "ballast_alert_timeline_writes_total", labels: ["result": "unchanged"])
            #expect(recorded == 8)
            #expect(unchanged == 1)
        }
    }

    /// Distinct alerts that start firing on a Deployment within 30 minutes after a real action
    /// reach its timeline through the receiver, and the reconciler reports a CascadingFailure.
    @Test func newAlertsAfterAnActionAreReportedAsACascadingFailure() async throws {
        try await Scenario.run("e2e-cascade") { scenario in
            try await scenario.applyPolicy()
            scenario.startKubelet(.allReady)
            try await scenario.createDeployment("web", replicas: 2)
            let ballast = try await scenario.startOperator()
            let token = try String(contentsOfFile: ballast.tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)

            try await scenario.requestAction("scale-up", .scaleDeployment, parameters: ["replicas": 3], on: "web")
            // A loaded machine (the whole E2E pass at once) takes up to half a minute to act.
            let action = try await scenario.eventually("the scale recorded as Succeeded", timeout: .seconds(90)) {
                try await scenario.history(ofDeployment: "web")?.status?.entries?.first { $0.state == .succeeded }
            }
            // Whole seconds after the action started, and already past when posted.
            let startsAt = Date(timeIntervalSince1970: action.startedAt.timeIntervalSince1970.rounded(.down) + 1)
            try await Task.sleep(for: .seconds(max(0, startsAt.timeIntervalSinceNow) + 1))
            for (name, fingerprint) in [("HighLatency", "c0ffee0000000001"), ("ErrorBudgetBurn", "c0ffee0000000002")] {
                var alert = Self.alert(namespace: scenario.namespace, startsAt: startsAt, endsAt: nil)
                alert["labels"] = ["alertname": name, "namespace": scenario.namespace, "deployment": "web", "severity": "warning"]
                alert["fingerprint"] = fingerprint
                try await Self.post(alert, to: ballast.webhookURL, token: token)
            }

            // The first alert alone already makes a (Low) cascade: wait for the analysis of both.
            let history = try await scenario.eventually("a CascadingFailure naming both alerts", timeout: .seconds(60)) {
                try await scenario.history(ofDeployment: "web").flatMap { history in
                    history.status?.patterns?.contains {
                        $0.type == .cascadingFailure && $0.message.contains("HighLatency") && $0.message.contains("ErrorBudgetBurn")
                    } == true ? history : nil
                }
            }
            #expect(Set(history.status?.alerts?.map(\.name) ?? []) == ["HighLatency", "ErrorBudgetBurn"])
            #expect(history.status?.alerts?.allSatisfy { $0.state == .firing && $0.at == startsAt } == true)
            let pattern = try #require(history.status?.patterns?.first { $0.type == .cascadingFailure })
            #expect(pattern.occurrences == 1, "\(pattern.message)")
            #expect(pattern.severity == .medium, "one action followed by two distinct new alerts: \(pattern.message)")
        }
    }

    /// Posts one v4 notification holding `alert` to the operator's receiver; it must answer 200.
    static func post(_ alert: [String: Any], to url: String, token: String) async throws {
        let status = alert["status"] as? String ?? "firing"
        let body: [String: Any] = [
            "version": "4", "groupKey": "{}:{alertname=\"HighErrorRate\"}", "truncatedAlerts": 0, "status": status,
            "receiver": "ballast", "groupLabels": ["alertname": "HighErrorRate"], "commonLabels": alert["labels"] ?? [:],
            "commonAnnotations": [:] as [String: Any], "externalURL": "http://alertmanager.example", "alerts": [alert],
        ]
        let data = try JSONSerialization.data(withJSONObject: body)
        let (code, answer) = try await OperatorProcess.http("POST", url, json: data, headers: ["Authorization": "Bearer \(token)"])
        #expect(code == 200, "\(answer)")
    }

    /// `HighErrorRate` on Deployment `web`: firing, or resolved at `endsAt`.
    static func alert(namespace: String, startsAt: Date, endsAt: Date?) -> [String: Any] {
        [
            "status": endsAt == nil ? "firing" : "resolved",
            "labels": ["alertname": "HighErrorRate", "namespace": namespace, "deployment": "web", "severity": "warning"],
            "annotations": ["summary": "5xx above 5 % on web"],
            "startsAt": KubeTime.format(startsAt),
            "endsAt": endsAt.map(KubeTime.format) ?? "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus.example/graph", "fingerprint": fingerprint,
        ]
    }
}
