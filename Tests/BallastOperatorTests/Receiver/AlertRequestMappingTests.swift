import BallastAPI
import Foundation
import Testing
@testable import BallastOperator

@Suite struct AlertRequestMappingTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func alert(status: AlertmanagerAlert.Status = .firing, labels: [String: String]) -> AlertmanagerAlert {
        AlertmanagerAlert(
            status: status, labels: labels, annotations: ["description": String(repeating: "é", count: 10)],
            startsAt: Date(timeIntervalSince1970: 1_799_999_000), fingerprint: "7f3a9c0d1e2b3a4c")
    }

    @Test func firingAlertBecomesARequestSpecInTheAlertsNamespace() throws {
        let mapping = AlertRequestMapping(namespacePolicy: .alertNamespace(fallback: "ballast-system"))
        let labels = ["alertname": "KubePodOOMKilled", "namespace": "shop", "severity": "critical", "deployment": "web"]
        guard case .firing(let firing) = mapping.map(alert(labels: labels), receivedAt: now) else {
            Issue.record("expected a firing alert")
            return
        }
        #expect(firing.namespace == "shop")
        #expect(firing.baseName == "kubepodoomkilled-7f3a9c0d1e2b3a4c")
        #expect(firing.metadataLabels == [
            "ballast.dev/fingerprint": "7f3a9c0d1e2b3a4c", "ballast.dev/alertname": "kubepodoomkilled",
            "ballast.dev/source": "alertmanager",
        ])
        let info = try #require(firing.spec.alert)
        #expect(info.name == "KubePodOOMKilled")
        #expect(info.severity == .critical)
        #expect(info.source == "alertmanager")
        #expect(info.fingerprint == "7f3a9c0d1e2b3a4c")
        #expect(info.labels == labels)
        #expect(info.startsAt == Date(timeIntervalSince1970: 1_799_999_000))
        #expect(firing.spec.target == nil && firing.spec.action == nil, "the alert cannot choose target or action")
        #expect(firing.spec.validationErrors().isEmpty)
        #expect(firing.receivedAt == now)
    }

    @Test(arguments: [
        (["alertname": "X"], "ballast-system"),
        (["alertname": "X", "namespace": "Not A Namespace"], "ballast-system"),
        (["alertname": "X", "namespace": "payments"], "payments"),
    ])
    func namespaceFallsBackWhenTheLabelIsAbsentOrInvalid(labels: [String: String], expected: String) {
        let mapping = AlertRequestMapping(namespacePolicy: .alertNamespace(fallback: "ballast-system"))
        #expect(mapping.namespace(for: alert(labels: labels)) == expected)
    }

    @Test func fixedNamespaceIgnoresTheLabel() {
        let mapping = AlertRequestMapping(namespacePolicy: .fixed("ops"))
        #expect(mapping.namespace(for: alert(labels: ["alertname": "X", "namespace": "shop"])) == "ops")
    }

    @Test func unknownSeverityIsLeftOut() throws {
        let mapping = AlertRequestMapping(namespacePolicy: .fixed("ops"))
        guard case .firing(let firing) = mapping.map(alert(labels: ["alertname": "X", "severity": "page"]), receivedAt: now)
        else { Issue.record("expected firing"); return }
        #expect(firing.spec.alert?.severity == nil)
        #expect(firing.spec.alert?.labels?["severity"] == "page")
    }

    @Test func annotationsAreCopiedBounded() throws {
        let limits = ReceiverLimits(maxAnnotationValueBytes: 9)
        let mapping = AlertRequestMapping(namespacePolicy: .fixed("ops"), limits: limits)
        guard case .firing(let firing) = mapping.map(alert(labels: ["alertname": "X"]), receivedAt: now)
        else { Issue.record("expected firing"); return }
        let description = try #require(firing.spec.alert?.annotations?["description"])
        #expect(description == "ééé…", "cut at a character boundary: 3×2 bytes + 3-byte ellipsis")
        #expect(description.utf8.count <= 9)
    }

    @Test func resolvedAlertCarriesEndTimeOrReceiveTime() {
        let mapping = AlertRequestMapping(namespacePolicy: .alertNamespace(fallback: "ops"))
        var resolved = alert(status: .resolved, labels: ["alertname": "X", "namespace": "shop"])
        #expect(mapping.map(resolved, receivedAt: now) == .resolved(ResolvedAlert(
            namespace: "shop", fingerprint: "7f3a9c0d1e2b3a4c", alertName: "X",
            startsAt: resolved.startsAt, resolvedAt: now)))
        resolved.endsAt = Date(timeIntervalSince1970: 1_799_999_500)
        guard case .resolved(let withEnd) = mapping.map(resolved, receivedAt: now) else {
            Issue.record("expected resolved"); return
        }
        #expect(withEnd.resolvedAt == Date(timeIntervalSince1970: 1_799_999_500))
    }
}

@Suite struct AnnotationBoundsTests {
    @Test func keepsTheFirstKeysAndDropsOversizedKeys() {
        let bounds = AnnotationBounds(limits: ReceiverLimits(maxLabelNameBytes: 5, maxAnnotations: 2))
        let result = bounds.bounded(["c": "3", "a": "1", "b": "2", "toolongkey": "x", "": "empty"])
        #expect(result == ["a": "1", "b": "2"])
    }

    @Test(arguments: [0, 1, 3, 4, 10, 100])
    func truncationNeverExceedsTheLimit(limit: Int) {
        let bounds = AnnotationBounds(limits: ReceiverLimits(maxAnnotationValueBytes: limit))
        let text = "ab€cd😀ef" + String(repeating: "x", count: 50)
        let cut = bounds.truncated(text)
        #expect(cut.utf8.count <= max(limit, AnnotationBounds.ellipsis.utf8.count))
        #expect(text.hasPrefix(String(cut.dropLast())))
    }
}
