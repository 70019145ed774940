import Foundation
import KubeTypes

/// `ActionHistory` (`ah`): the durable memory of what was done to one target and how well it
/// worked. One per remediated target, named by ``ActionHistory/name(for:)``.
public struct ActionHistory: KubernetesObject, Hashable {
    /// Always `ballast.dev/v1alpha1`.
    public var apiVersion: String
    /// Always `ActionHistory`.
    public var kind: String
    /// Standard object metadata.
    public var metadata: ObjectMeta
    /// The target and the settings people may change.
    public var spec: ActionHistorySpec
    /// Entries, detected patterns and summary; written by the operator.
    public var status: ActionHistoryStatus?

    /// Creates a history with the canonical `apiVersion` and `kind`.
    public init(metadata: ObjectMeta, spec: ActionHistorySpec, status: ActionHistoryStatus? = nil) {
        self.apiVersion = BallastGroup.apiVersion
        self.kind = ResourceDescriptor.actionHistories.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `spec` of an ``ActionHistory``.
public struct ActionHistorySpec: Codable, Sendable, Hashable {
    /// The remediated object.
    public var target: TargetReference
    /// How much history is kept; defaults in ``RetentionSettings``.
    public var retention: RetentionSettings?
    /// Per-target overrides of the policy's oscillation settings.
    public var analysis: OscillationSettings?

    /// Creates a spec.
    public init(target: TargetReference, retention: RetentionSettings? = nil, analysis: OscillationSettings? = nil) {
        self.target = target
        self.retention = retention
        self.analysis = analysis
    }
}

/// Bounds on an ActionHistory's entries.
public struct RetentionSettings: Codable, Sendable, Hashable {
    /// At most this many entries are kept (newest win); default ``defaultMaxEntries``.
    public var maxEntries: Int?
    /// Entries older than this are dropped; default ``defaultMaxAge``.
    public var maxAge: GoDuration?

    /// 100 entries.
    public static let defaultMaxEntries = 100
    /// 720h (30 days).
    public static let defaultMaxAge = GoDuration.hours(720)

    /// Creates retention settings.
    public init(maxEntries: Int? = nil, maxAge: GoDuration? = nil) {
        self.maxEntries = maxEntries
        self.maxAge = maxAge
    }
}

/// What happened to an action recorded in the history.
public enum EntryState: String, APIEnum {
    /// Intent recorded; the action may or may not have touched the target yet.
    case pending = "Pending"
    case succeeded = "Succeeded"
    case failed = "Failed"
    /// Executed as a server-side dry run only.
    case dryRun = "DryRun"
    /// Found Pending after a crash and given up without executing.
    case abandoned = "Abandoned"

    /// Whether the action (may have) changed the target: Pending, Succeeded or Failed.
    public var mayHaveMutated: Bool {
        switch self {
        case .pending, .succeeded, .failed: return true
        case .dryRun, .abandoned: return false
        }
    }
}

/// One action recorded in an ActionHistory, written before the action runs (intent first).
public struct ActionEntry: Codable, Sendable, Hashable {
    /// Deterministic id, see ``ActionID``.
    public var actionId: String
    public var request: RequestReference?
    /// The alert name that caused the action.
    public var alert: String?
    public var action: ActionName
    public var parameters: [String: JSONValue]?
    public var source: DecisionSource?
    public var confidence: Double?
    public var state: EntryState
    public var startedAt: Date
    public var finishedAt: Date?
    /// Observed values before the action, e.g. `{replicas: 3}` or `{memoryLimit: 512Mi}`.
    public var before: [String: JSONValue]?
    /// Observed values after the action.
    public var after: [String: JSONValue]?
    /// 0...1, filled in after verification.
    public var effectiveness: Double?
    public var message: String?

    /// Creates an entry.
    public init(
        actionId: String, request: RequestReference? = nil, alert: String? = nil, action: ActionName,
        parameters: [String: JSONValue]? = nil, source: DecisionSource? = nil, confidence: Double? = nil,
        state: EntryState, startedAt: Date, finishedAt: Date? = nil, before: [String: JSONValue]? = nil,
        after: [String: JSONValue]? = nil, effectiveness: Double? = nil, message: String? = nil
    ) {
        self.actionId = actionId
        self.request = request
        self.alert = alert
        self.action = action
        self.parameters = parameters
        self.source = source
        self.confidence = confidence
        self.state = state
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.before = before
        self.after = after
        self.effectiveness = effectiveness
        self.message = message
    }
}

/// One observation of an alert on the target (fed to flapping and cascade detection).
public struct AlertObservation: Codable, Sendable, Hashable {
    /// `alertname`.
    public var name: String
    public var fingerprint: String?
    public var state: AlertState
    public var at: Date

    /// Creates an observation.
    public init(name: String, fingerprint: String? = nil, state: AlertState, at: Date) {
        self.name = name
        self.fingerprint = fingerprint
        self.state = state
        self.at = at
    }
}
