import BallastAPI
import Foundation

/// Where receiver-created requests live.
public enum RequestNamespacePolicy: Sendable, Hashable {
    /// The alert's `namespace` label when it is a valid namespace name, else the fallback.
    case alertNamespace(fallback: String)
    /// Always this namespace (typically the operator's own).
    case fixed(String)
}

/// Maps validated Alertmanager alerts to what the sink must create or resolve. Pure.
public struct AlertRequestMapping: Sendable {
    /// Value of `spec.alert.source` for requests the receiver creates.
    public static let source = "alertmanager"
    /// Metadata label holding the alert's fingerprint (dedup lookups select on it).
    public static let fingerprintLabel = "ballast.dev/fingerprint"
    /// Metadata label holding the alert name as a DNS label.
    public static let alertNameLabel = "ballast.dev/alertname"
    /// Metadata label saying which component created the request.
    public static let sourceLabel = "ballast.dev/source"
    /// The alert label naming the namespace the alert is about.
    public static let namespaceLabel = "namespace"
    /// The alert label carrying the severity.
    public static let severityLabel = "severity"

    /// Where requests go.
    public var namespacePolicy: RequestNamespacePolicy
    /// Bounds for copied annotations.
    public var limits: ReceiverLimits

    /// Creates a mapping.
    public init(namespacePolicy: RequestNamespacePolicy, limits: ReceiverLimits = ReceiverLimits()) {
        self.namespacePolicy = namespacePolicy
        self.limits = limits
    }

    /// The sink's view of one alert: a ``FiringAlert`` or a ``ResolvedAlert``.
    /// - Parameters:
    ///   - alert: A validated alert.
    ///   - receivedAt: When the notification arrived; used as `resolvedAt` when `endsAt` is absent.
    public func map(_ alert: AlertmanagerAlert, receivedAt: Date) -> ReceivedAlert {
        let namespace = namespace(for: alert)
        switch alert.status {
        case .resolved:
            return .resolved(ResolvedAlert(
                namespace: namespace, fingerprint: alert.fingerprint, alertName: alert.name,
                startsAt: alert.startsAt, resolvedAt: alert.endsAt ?? receivedAt))
        case .firing:
            let info = AlertInfo(
                name: alert.name,
                severity: alert.labels[Self.severityLabel].flatMap(AlertSeverity.init(rawValue:)),
                fingerprint: alert.fingerprint, source: Self.source, startsAt: alert.startsAt,
                labels: alert.labels, annotations: AnnotationBounds(limits: limits).bounded(alert.annotations))
            let labels = [
                Self.fingerprintLabel: alert.fingerprint,
                Self.alertNameLabel: RequestNaming.dnsLabel(alert.name) ?? "alert",
                Self.sourceLabel: Self.source,
            ]
            return .firing(FiringAlert(
                namespace: namespace,
                baseName: RequestNaming.baseName(alertName: alert.name, fingerprint: alert.fingerprint),
                fingerprint: alert.fingerprint, metadataLabels: labels,
                spec: RemediationRequestSpec(alert: info), receivedAt: receivedAt))
        }
    }

    /// The namespace a request for `alert` belongs in, per ``namespacePolicy``.
    public func namespace(for alert: AlertmanagerAlert) -> String {
        switch namespacePolicy {
        case .fixed(let namespace):
            return namespace
        case .alertNamespace(let fallback):
            guard let label = alert.labels[Self.namespaceLabel], RequestNaming.isDNSLabel(label) else {
                return fallback
            }
            return label
        }
    }
}
