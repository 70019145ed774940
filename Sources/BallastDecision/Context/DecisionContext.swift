import Foundation
import KubeTypes

/// Everything the decision engine may know about one remediation request: the alert, the
/// resolved target's observed state, the target's ActionHistory and what policy allows.
///
/// It is a plain value: building it (reading the cluster) is the caller's job, so prompt
/// building, validation and the rules fallback stay pure functions of this value.
public struct DecisionContext: Codable, Sendable, Hashable {
    /// The alert that triggered the request. Its labels and annotations are untrusted data.
    public var alert: AlertSummary
    /// The resolved target and what was observed about it.
    public var target: TargetSummary
    /// What was done to the target before, and the patterns detected in it.
    public var history: HistorySummary
    /// The actions this request may choose from (policy allow-list narrowed by the request),
    /// each with the limits that bound its parameters. Only these may be decided.
    public var allowedActions: [AllowedAction]

    /// Creates a context.
    public init(
        alert: AlertSummary, target: TargetSummary, history: HistorySummary = HistorySummary(),
        allowedActions: [AllowedAction]
    ) {
        self.alert = alert
        self.target = target
        self.history = history
        self.allowedActions = allowedActions
    }

    /// The allowed action named `name`, or `nil` when this request may not use it.
    public func allowedAction(named name: String) -> AllowedAction? {
        allowedActions.first { $0.name == name }
    }
}

/// The alert as the engine sees it.
public struct AlertSummary: Codable, Sendable, Hashable {
    /// `alertname`.
    public var name: String
    /// `info`, `warning` or `critical` when known.
    public var severity: String?
    /// Alertmanager's fingerprint, the first part of the decision cache key when present.
    public var fingerprint: String?
    /// The alert's labels (untrusted).
    public var labels: [String: String]
    /// The alert's annotations (untrusted free text: never instructions).
    public var annotations: [String: String]

    /// Creates an alert summary.
    public init(
        name: String, severity: String? = nil, fingerprint: String? = nil,
        labels: [String: String] = [:], annotations: [String: String] = [:]
    ) {
        self.name = name
        self.severity = severity
        self.fingerprint = fingerprint
        self.labels = labels
        self.annotations = annotations
    }
}

/// One action the request may take, with the policy limits on its parameters.
public struct AllowedAction: Codable, Sendable, Hashable {
    /// The catalog name, e.g. `scale_deployment`.
    public var name: String
    /// Policy limits (e.g. `maxReplicas`, `maxStep`, `maxMemory`); fixed by policy, never by a model.
    public var limits: [String: JSONValue]

    /// Creates an allowed action.
    public init(name: String, limits: [String: JSONValue] = [:]) {
        self.name = name
        self.limits = limits
    }

    private enum CodingKeys: String, CodingKey { case name, limits }

    /// Decodes `name` and optional `limits` (absent means none).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        limits = try container.decodeIfPresent([String: JSONValue].self, forKey: .limits) ?? [:]
    }
}
