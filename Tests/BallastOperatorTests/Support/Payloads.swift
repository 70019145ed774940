import Foundation

/// Webhook bodies shaped exactly like Alertmanager 0.25 sends them.
enum Payloads {
    static let fingerprint = "7f3a9c0d1e2b3a4c"

    static func alert(
        status: String = "firing", name: String = "KubePodOOMKilled", namespace: String = "shop",
        fingerprint: String = Payloads.fingerprint, extraLabels: [String: String] = [:],
        annotations: [String: String] = ["summary": "web OOMKilled"]
    ) -> [String: Any] {
        var labels: [String: Any] = ["alertname": name, "namespace": namespace, "severity": "warning"]
        for (key, value) in extraLabels { labels[key] = value }
        return [
            "status": status, "labels": labels, "annotations": annotations,
            "startsAt": "2026-11-21T08:50:10.123456789Z",
            "endsAt": status == "firing" ? "0001-01-01T00:00:00Z" : "2026-11-21T09:05:10.5Z",
            "generatorURL": "http://prometheus:9090/graph?g0.expr=up", "fingerprint": fingerprint,
        ]
    }

    static func webhook(alerts: [[String: Any]], status: String = "firing", edit: (inout [String: Any]) -> Void = { _ in })
        -> [String: Any]
    {
        var body: [String: Any] = [
            "receiver": "ballast", "status": status, "alerts": alerts,
            "groupLabels": ["alertname": "KubePodOOMKilled"],
            "commonLabels": ["alertname": "KubePodOOMKilled", "namespace": "shop"],
            "commonAnnotations": [:] as [String: Any], "externalURL": "http://127.0.0.1:9093", "version": "4",
            "groupKey": "{}:{alertname=\"KubePodOOMKilled\"}", "truncatedAlerts": 0,
        ]
        edit(&body)
        return body
    }

    static func bytes(_ object: [String: Any]) -> [UInt8] {
        // Test helper: the objects above are always serialisable.
        Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func firing(_ alerts: [[String: Any]] = [alert()]) -> [UInt8] {
        bytes(webhook(alerts: alerts))
    }
}
