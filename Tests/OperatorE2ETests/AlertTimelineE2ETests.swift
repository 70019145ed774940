import BallastAPI
import ClusterTestSupport
import Foundation
import KubeTypes
import Testing

/// The alert timeline end to end: a flapping alert posted to the running operator's receiver
/// becomes rows of the target's ActionHistory, and the ActionHistory reconciler detects the
/// flapping from them (pattern, `Oscillating` condition, Event).
@Suite(.timeLimit(.minutes(2))) struct AlertTimelineE2ETests {
    static let fingerprint = "5e1f00d2ab34cd56"

    @Test func aFlappingAlertIsRecordedOnItsTargetAndDetectedAsFlapping() async throws {
        try await Scenario.run("e2e-timeline") { scenario in
            // DryRun: the requests the alerts create must not touch the Deployment.
            try scenario.applyPolicy(["mode": "DryRun"])
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
            let history = try await scenario.eventually("the Flapping pattern up to the last change", timeout: .seconds(40)) {
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
