import BallastAPI
import Foundation
import KubeTypes

/// The action to be checked, with everything about the request and the target that the policy
/// check reads. The operator fills it from the RemediationRequest, the decision and a live read
/// of the target.
public struct ProposedAction: Sendable, Hashable {
    /// The resolved target (namespace `nil` for cluster-scoped targets).
    public var target: TargetReference
    /// Labels of the target's namespace; `nil` for cluster-scoped targets.
    public var namespaceLabels: [String: String]?
    /// Labels of the target object.
    public var targetLabels: [String: String]
    /// The decided action.
    public var action: ActionName
    /// Its parameters.
    public var parameters: [String: JSONValue]
    /// Current values read from the target, for `maxStep` limits (`replicas`, `maxReplicas`).
    public var observed: [String: JSONValue]
    /// The decision's confidence, 0...1 (1 for a person's request).
    public var confidence: Double
    /// The request's `spec.mode`.
    public var mode: RequestMode
    /// The request's `spec.allowedActions`, when it narrows the allow-list.
    public var allowedActions: [ActionName]?

    /// Creates a proposed action.
    public init(
        target: TargetReference, namespaceLabels: [String: String]? = nil, targetLabels: [String: String] = [:],
        action: ActionName, parameters: [String: JSONValue] = [:], observed: [String: JSONValue] = [:],
        confidence: Double, mode: RequestMode = .auto, allowedActions: [ActionName]? = nil
    ) {
        self.target = target
        self.namespaceLabels = namespaceLabels
        self.targetLabels = targetLabels
        self.action = action
        self.parameters = parameters
        self.observed = observed
        self.confidence = confidence
        self.mode = mode
        self.allowedActions = allowedActions
    }
}

/// The target's ActionHistory as the evaluator needs it.
public struct TargetHistory: Sendable, Hashable {
    /// Recorded actions (any order; retention is applied by the evaluator).
    public var entries: [ActionEntry]
    /// Alert observations on the target.
    public var alerts: [AlertObservation]
    /// Alerts flapping at the previous analysis (`status.flappingAlerts`).
    public var flappingAlerts: [String]
    /// `spec.retention`.
    public var retention: RetentionSettings?
    /// `spec.analysis`: per-target oscillation overrides.
    public var analysis: OscillationSettings?

    /// Creates a history from values.
    public init(
        entries: [ActionEntry] = [], alerts: [AlertObservation] = [], flappingAlerts: [String] = [],
        retention: RetentionSettings? = nil, analysis: OscillationSettings? = nil
    ) {
        self.entries = entries
        self.alerts = alerts
        self.flappingAlerts = flappingAlerts
        self.retention = retention
        self.analysis = analysis
    }

    /// The evaluator's view of `history` (empty when the target has none yet).
    public init(_ history: ActionHistory?) {
        self.init(
            entries: history?.status?.entries ?? [], alerts: history?.status?.alerts ?? [],
            flappingAlerts: history?.status?.flappingAlerts ?? [], retention: history?.spec.retention,
            analysis: history?.spec.analysis)
    }
}

/// Counts in one policy's scope, kept by the operator from its caches.
public struct ScopeCounts: Sendable, Hashable {
    /// Remediations executing now in the scope.
    public var executing: Int
    /// Start times of actions executed in the scope (at least those within the rate window).
    public var executedAt: [Date]

    /// Creates counts.
    public init(executing: Int, executedAt: [Date]) {
        self.executing = executing
        self.executedAt = executedAt
    }
}

/// Cluster-wide state the check reads besides the target's own history.
public struct ClusterState: Sendable, Hashable {
    /// Counts per policy name (``PolicyDefaults/name`` for the built-in defaults). A policy
    /// without counts fails closed: its concurrency and rate limits deny.
    public var counts: [String: ScopeCounts]
    /// Recent failure runs per action type across the cluster; when an action is missing, the
    /// run is derived from the target's own history.
    public var failures: [ActionName: FailureRun]

    /// Creates cluster state.
    public init(counts: [String: ScopeCounts] = [:], failures: [ActionName: FailureRun] = [:]) {
        self.counts = counts
        self.failures = failures
    }
}
