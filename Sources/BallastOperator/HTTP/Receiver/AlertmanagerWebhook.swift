import Foundation

/// One webhook notification from Alertmanager (payload `version: "4"`), validated.
///
/// Every value of this type has passed ``AlertmanagerWebhook/parse(_:limits:)``: the version is
/// `4`, every alert has a status, an `alertname`, a fingerprint and a start time, and every size
/// is within ``ReceiverLimits``. See
/// <https://prometheus.io/docs/alerting/latest/configuration/#webhook_config> for the wire format.
public struct AlertmanagerWebhook: Sendable, Hashable {
    /// The only payload version this receiver understands.
    public static let supportedVersion = "4"

    /// Always ``supportedVersion``.
    public var version: String
    /// Alertmanager's key of the alert group this notification is about.
    public var groupKey: String
    /// How many alerts Alertmanager left out because of the receiver's `max_alerts`.
    public var truncatedAlerts: Int
    /// `firing` when at least one alert of the group fires, else `resolved`.
    public var status: AlertmanagerAlert.Status
    /// The name of the Alertmanager receiver that sent it.
    public var receiver: String
    /// The labels the group is keyed by.
    public var groupLabels: [String: String]
    /// Labels every alert of the notification shares.
    public var commonLabels: [String: String]
    /// Annotations every alert of the notification shares (untrusted text).
    public var commonAnnotations: [String: String]
    /// Alertmanager's own URL, when it sent one.
    public var externalURL: String?
    /// The alerts, in the order Alertmanager sent them; never empty.
    public var alerts: [AlertmanagerAlert]

    /// Creates a notification from already-valid parts (tests and the parser).
    public init(
        version: String = AlertmanagerWebhook.supportedVersion, groupKey: String, truncatedAlerts: Int = 0,
        status: AlertmanagerAlert.Status, receiver: String, groupLabels: [String: String] = [:],
        commonLabels: [String: String] = [:], commonAnnotations: [String: String] = [:],
        externalURL: String? = nil, alerts: [AlertmanagerAlert]
    ) {
        self.version = version
        self.groupKey = groupKey
        self.truncatedAlerts = truncatedAlerts
        self.status = status
        self.receiver = receiver
        self.groupLabels = groupLabels
        self.commonLabels = commonLabels
        self.commonAnnotations = commonAnnotations
        self.externalURL = externalURL
        self.alerts = alerts
    }
}

/// One alert of an ``AlertmanagerWebhook``.
public struct AlertmanagerAlert: Sendable, Hashable {
    /// Whether the alert fires or has resolved.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// The alert is active.
        case firing
        /// The alert has stopped firing (`endsAt` is in the past).
        case resolved
    }

    /// The label that names an alert.
    public static let alertNameLabel = "alertname"

    /// The longest `alertname` accepted, in characters: the CRD's `maxLength` of
    /// `spec.alert.name`, which the name is copied into.
    public static let maxNameLength = 253

    /// Firing or resolved.
    public var status: Status
    /// The alert's labels; always contains a non-empty `alertname`.
    public var labels: [String: String]
    /// The alert's annotations (untrusted text, never instructions).
    public var annotations: [String: String]
    /// When the alert started firing.
    public var startsAt: Date
    /// When the alert ended; `nil` when Alertmanager sent its zero time (`0001-01-01T00:00:00Z`).
    public var endsAt: Date?
    /// A link to the rule that produced the alert, when sent.
    public var generatorURL: String?
    /// Alertmanager's fingerprint of the label set: the deduplication key.
    public var fingerprint: String

    /// Creates an alert from already-valid parts (tests and the parser).
    public init(
        status: Status, labels: [String: String], annotations: [String: String] = [:], startsAt: Date,
        endsAt: Date? = nil, generatorURL: String? = nil, fingerprint: String
    ) {
        self.status = status
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
        self.fingerprint = fingerprint
    }

    /// The `alertname` label (never empty for a parsed alert).
    public var name: String { labels[Self.alertNameLabel] ?? "" }
}
