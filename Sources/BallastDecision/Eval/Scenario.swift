import KubeTypes

/// One evaluation scenario (see scenarios/README.md): an alert as Alertmanager sends it, the
/// relevant cluster objects, optional prior ActionHistory, what policy allows, and which
/// answers count as correct.
public struct Scenario: Codable, Sendable, Hashable {
    /// Unique name (the file name without extension by convention).
    public var name: String
    /// One of ``ScenarioCategory``'s raw values.
    public var category: String
    /// What the situation is and why the expected answers are right.
    public var description: String
    /// The alert, shaped like one entry of Alertmanager's webhook `alerts[]`.
    public var alert: AlertmanagerAlert
    /// The cluster objects, in (reduced) Kubernetes JSON/YAML shape.
    public var objects: ScenarioObjects
    /// Prior ActionHistory, if any.
    public var history: HistorySummary?
    /// What the SafetyPolicy allows for this target.
    public var allowedActions: [AllowedAction]
    /// The acceptable answers.
    public var expect: ScenarioExpectation
}

/// The categories the corpus covers.
public enum ScenarioCategory: String, CaseIterable, Sendable {
    case memory, crashloop, rollout, scaling, node, storage, noise, security, oscillation
}

/// One alert as in Alertmanager's webhook payload.
public struct AlertmanagerAlert: Codable, Sendable, Hashable {
    /// `firing` or `resolved`.
    public var status: String
    /// Labels, including `alertname` and usually `severity`.
    public var labels: [String: String]
    /// Annotations (untrusted text).
    public var annotations: [String: String]?
    /// Alertmanager's fingerprint.
    public var fingerprint: String?
    /// When it started (RFC 3339 text).
    public var startsAt: String?
}

/// The cluster objects of a scenario.
public struct ScenarioObjects: Codable, Sendable, Hashable {
    /// The target object (Deployment, StatefulSet, Node, PersistentVolumeClaim, …).
    public var target: JSONValue
    /// The target's pods with `status.containerStatuses`.
    public var pods: [JSONValue]?
    /// The HPA scaling the target.
    public var hpa: JSONValue?
    /// The PDB covering the target's pods.
    public var pdb: JSONValue?
    /// Recent Events (`type`, `reason`, `message`, `count`, `involvedObject`).
    public var events: [JSONValue]?
    /// Log tails by container.
    public var logs: [String: String]?
    /// Other observed facts (node conditions, volume usage, metrics).
    public var facts: [String: JSONValue]?
}

/// Which decisions count as correct.
public struct ScenarioExpectation: Codable, Sendable, Hashable {
    /// Acceptable actions with parameter constraints; any one matching is correct.
    public var acceptable: [AcceptableAction]
    /// Whether `escalate` / `notify_only` is also correct.
    public var escalationAcceptable: Bool
}

/// One acceptable action and the constraints on its parameters.
public struct AcceptableAction: Codable, Sendable, Hashable {
    /// The action name.
    public var action: String
    /// Parameters that must equal these values.
    public var parameters: [String: JSONValue]?
    /// Parameters that must fall in a range (numbers or quantities such as `600Mi`).
    public var ranges: [String: ValueRange]?
}

/// An inclusive range; either bound may be absent. Bounds are numbers or quantity strings.
public struct ValueRange: Codable, Sendable, Hashable {
    /// Lowest acceptable value.
    public var min: JSONValue?
    /// Highest acceptable value.
    public var max: JSONValue?
}
