import Foundation
import Testing
@testable import BallastOperator

@Suite struct AlertmanagerWebhookParsingTests {
    @Test func parsesEveryFieldOfARealShapedNotification() throws {
        let webhook = try AlertmanagerWebhook.parse(Payloads.firing())
        #expect(webhook.version == "4")
        #expect(webhook.receiver == "ballast")
        #expect(webhook.status == .firing)
        #expect(webhook.groupKey == "{}:{alertname=\"KubePodOOMKilled\"}")
        #expect(webhook.truncatedAlerts == 0)
        #expect(webhook.groupLabels == ["alertname": "KubePodOOMKilled"])
        #expect(webhook.commonLabels["namespace"] == "shop")
        #expect(webhook.externalURL == "http://127.0.0.1:9093")
        let alert = try #require(webhook.alerts.first)
        #expect(alert.status == .firing)
        #expect(alert.name == "KubePodOOMKilled")
        #expect(alert.fingerprint == Payloads.fingerprint)
        #expect(alert.annotations == ["summary": "web OOMKilled"])
        #expect(alert.endsAt == nil, "Go's zero time means no end")
        #expect(alert.generatorURL == "http://prometheus:9090/graph?g0.expr=up")
        let expectedStart = try #require(ISO8601DateFormatter().date(from: "2026-11-21T08:50:10Z"))
        #expect(abs(alert.startsAt.timeIntervalSince(expectedStart) - 0.123) < 0.001, "nanosecond fraction kept to ms")
    }

    @Test func parsesResolvedAlertWithEndTime() throws {
        let body = Payloads.bytes(Payloads.webhook(alerts: [Payloads.alert(status: "resolved")], status: "resolved"))
        let alert = try #require(try AlertmanagerWebhook.parse(body).alerts.first)
        #expect(alert.status == .resolved)
        let end = try #require(alert.endsAt)
        #expect(end.timeIntervalSince(alert.startsAt) > 899 && end.timeIntervalSince(alert.startsAt) < 901)
    }

    @Test(arguments: [
        ("fingerprint", "alerts[1].fingerprint: missing"),
        ("status", "alerts[1].status: missing"),
        ("labels", "alerts[1].labels: missing"),
        ("startsAt", "alerts[1].startsAt: missing"),
    ])
    func namesTheMissingAlertFieldAndIndex(field: String, message: String) throws {
        var broken = Payloads.alert(fingerprint: "0000000000000002")
        broken[field] = nil
        let error = #expect(throws: InvalidPayload.self) {
            try AlertmanagerWebhook.parse(Payloads.firing([Payloads.alert(), broken]))
        }
        #expect(error?.problems.map(\.description) == [message])
    }

    @Test(arguments: [
        ("version", "version: missing"), ("alerts", "alerts: missing"), ("status", "status: missing"),
        ("receiver", "receiver: missing"), ("groupKey", "groupKey: missing"),
    ])
    func namesTheMissingTopLevelField(field: String, message: String) throws {
        let body = Payloads.bytes(Payloads.webhook(alerts: [Payloads.alert()]) { $0[field] = nil })
        let error = #expect(throws: InvalidPayload.self) { try AlertmanagerWebhook.parse(body) }
        #expect(error?.problems.map(\.description) == [message])
    }

    @Test func rejectsOtherVersions() {
        let body = Payloads.bytes(Payloads.webhook(alerts: [Payloads.alert()]) { $0["version"] = "3" })
        let error = #expect(throws: InvalidPayload.self) { try AlertmanagerWebhook.parse(body) }
        #expect(error?.description == "invalid Alertmanager payload: version: unsupported \"3\"; expected \"4\"")
    }

    @Test func reportsEveryProblemAtOnceWithTypes() {
        var alert = Payloads.alert()
        alert["labels"] = ["namespace": "shop", "count": 3] as [String: Any]
        alert["startsAt"] = "yesterday"
        alert["status"] = "pending"
        alert["fingerprint"] = 42
        let error = #expect(throws: InvalidPayload.self) {
            try AlertmanagerWebhook.parse(Payloads.firing([alert]))
        }
        #expect(error?.problems.map(\.description) == [
            "alerts[0].status: expected \"firing\" or \"resolved\", found \"pending\"",
            "alerts[0].labels.count: expected a string, found a number",
            "alerts[0].startsAt: expected an RFC 3339 time, found \"yesterday\"",
            "alerts[0].fingerprint: expected a string, found a number",
        ])
    }

    @Test func requiresAlertname() {
        var alert = Payloads.alert()
        alert["labels"] = ["namespace": "shop"]
        let error = #expect(throws: InvalidPayload.self) { try AlertmanagerWebhook.parse(Payloads.firing([alert])) }
        #expect(error?.problems.map(\.description) == ["alerts[0].labels.alertname: missing"])
    }

    @Test(arguments: ["", "{", "[1,2]", "null", "\"text\"", "{\"version\": \"4\""])
    func rejectsNonObjectsAndBrokenJSON(text: String) {
        let error = #expect(throws: InvalidPayload.self) { try AlertmanagerWebhook.parse(Array(text.utf8)) }
        #expect(error?.problems.first?.path == "body")

    }

    @Test func brokenJSONIsLocated() {
        let error = #expect(throws: InvalidPayload.self) { try AlertmanagerWebhook.parse(Array(#"{"version": x}"#.utf8)) }
        // Foundation's wording differs between platforms; the offset of the bad value must be there.
        let message = error?.description ?? ""
        #expect(message.hasPrefix("invalid Alertmanager payload: body: not valid JSON ("))
        #expect(message.contains("12"), "names where the JSON broke: \(message)")
    }

    @Test func rejectsEmptyAndOversizedAlertLists() {
        let empty = #expect(throws: InvalidPayload.self) { try AlertmanagerWebhook.parse(Payloads.firing([])) }
        #expect(empty?.problems.map(\.description) == ["alerts: must not be empty"])
        let limits = ReceiverLimits(maxAlerts: 2)
        let many = (0..<3).map { Payloads.alert(fingerprint: "a\($0)") }
        let tooMany = #expect(throws: InvalidPayload.self) {
            try AlertmanagerWebhook.parse(Payloads.firing(many), limits: limits)
        }
        #expect(tooMany?.problems.map(\.description) == ["alerts: 3 alerts exceed the limit of 2"])
    }

    @Test func boundsLabelsAndRejectsUnsafeFingerprints() {
        let limits = ReceiverLimits(maxLabels: 4, maxLabelValueBytes: 8)
        let long = Payloads.alert(extraLabels: ["pod": "web-0123456789"])
        let error = #expect(throws: InvalidPayload.self) {
            try AlertmanagerWebhook.parse(Payloads.firing([long]), limits: limits)
        }
        #expect(error?.problems.map(\.description) == [
            "groupLabels.alertname: 16 bytes exceed the limit of 8",
            "commonLabels.alertname: 16 bytes exceed the limit of 8",
            "alerts[0].labels.alertname: 16 bytes exceed the limit of 8",
            "alerts[0].labels.pod: 14 bytes exceed the limit of 8",
        ])
        let crowded = Payloads.alert(extraLabels: ["a": "1", "b": "2"])
        let count = #expect(throws: InvalidPayload.self) {
            try AlertmanagerWebhook.parse(Payloads.firing([crowded]), limits: ReceiverLimits(maxLabels: 4))
        }
        #expect(count?.problems.map(\.description) == ["alerts[0].labels: 5 labels exceed the limit of 4"])
        let unsafe = Payloads.alert(fingerprint: "../etc")
        let print = #expect(throws: InvalidPayload.self) { try AlertmanagerWebhook.parse(Payloads.firing([unsafe])) }
        #expect(print?.problems.first?.path == "alerts[0].fingerprint")
    }

    @Test func listsAtMostTenProblemsAndCountsTheRest() {
        let alerts = (0..<12).map { index -> [String: Any] in
            var alert = Payloads.alert(fingerprint: "f\(index)")
            alert["fingerprint"] = nil
            return alert
        }
        let error = #expect(throws: InvalidPayload.self) { try AlertmanagerWebhook.parse(Payloads.firing(alerts)) }
        #expect(error?.problems.count == 12)
        #expect(error?.description.hasSuffix("alerts[9].fingerprint: missing; and 2 more") == true)
    }

    @Test func ignoresUnknownFieldsAndNullOptionals() throws {
        var alert = Payloads.alert()
        alert["generatorURL"] = NSNull()
        alert["annotations"] = NSNull()
        let body = Payloads.bytes(Payloads.webhook(alerts: [alert]) { $0["futureField"] = ["x": 1] })
        let parsed = try #require(try AlertmanagerWebhook.parse(body).alerts.first)
        #expect(parsed.generatorURL == nil)
        #expect(parsed.annotations.isEmpty)
    }
}
