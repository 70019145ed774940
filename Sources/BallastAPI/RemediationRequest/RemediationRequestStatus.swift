import Foundation
import KubeTypes

/// Where a request is in its lifecycle (api.md, "Lifecycle").
public enum RemediationPhase: String, APIEnum {
    case pending = "Pending"
    case analyzing = "Analyzing"
    case awaitingApproval = "AwaitingApproval"
    case executing = "Executing"
    case verifying = "Verifying"
    case completed = "Completed"
    case failed = "Failed"
    case blocked = "Blocked"
    case escalated = "Escalated"
    case skipped = "Skipped"

    /// Whether the request is finished and will not change phase again on its own.
    public var isTerminal: Bool {
        switch self {
        case .completed, .failed, .escalated, .skipped: return true
        default: return false
        }
    }
}

/// `status` of a ``RemediationRequest``; written only by the operator.
public struct RemediationRequestStatus: Codable, Sendable, Hashable {
    public var phase: RemediationPhase?
    public var observedGeneration: Int64?
    /// The resolved target, with namespace and uid.
    public var target: TargetReference?
    public var decision: DecisionStatus?
    public var policy: PolicyStatus?
    public var execution: ExecutionStatus?
    public var verification: VerificationStatus?
    /// What `collect_diagnostics` found; bounded by ``DiagnosticsLimits``.
    public var diagnostics: DiagnosticsStatus?
    public var deduplication: DeduplicationStatus?
    /// Name of the target's ActionHistory in the same namespace (or the operator's).
    public var historyRef: String?
    public var conditions: [Condition]?

    /// Creates a status; every field is optional.
    public init(
        phase: RemediationPhase? = nil, observedGeneration: Int64? = nil, target: TargetReference? = nil,
        decision: DecisionStatus? = nil, policy: PolicyStatus? = nil, execution: ExecutionStatus? = nil,
        verification: VerificationStatus? = nil, deduplication: DeduplicationStatus? = nil,
        historyRef: String? = nil, conditions: [Condition]? = nil, diagnostics: DiagnosticsStatus? = nil
    ) {
        self.phase = phase
        self.observedGeneration = observedGeneration
        self.target = target
        self.decision = decision
        self.policy = policy
        self.execution = execution
        self.verification = verification
        self.diagnostics = diagnostics
        self.deduplication = deduplication
        self.historyRef = historyRef
        self.conditions = conditions
    }
}

/// The decision that was made: which action, with what confidence, by whom.
public struct DecisionStatus: Codable, Sendable, Hashable {
    public var action: ActionName
    public var parameters: [String: JSONValue]?
    /// 0...1.
    public var confidence: Double
    public var reasoning: String?
    public var source: DecisionSource
    /// The model name when `source` is `LLM`.
    public var model: String?
    public var latencyMs: Int64?
    public var tokens: TokenUsage?
    public var alternatives: [AlternativeAction]?

    /// Creates a decision.
    public init(
        action: ActionName, parameters: [String: JSONValue]? = nil, confidence: Double,
        reasoning: String? = nil, source: DecisionSource, model: String? = nil, latencyMs: Int64? = nil,
        tokens: TokenUsage? = nil, alternatives: [AlternativeAction]? = nil
    ) {
        self.action = action
        self.parameters = parameters
        self.confidence = confidence
        self.reasoning = reasoning
        self.source = source
        self.model = model
        self.latencyMs = latencyMs
        self.tokens = tokens
        self.alternatives = alternatives
    }
}

/// Token counts of one LLM call.
public struct TokenUsage: Codable, Sendable, Hashable {
    public var prompt: Int64
    public var completion: Int64

    /// Creates a usage record.
    public init(prompt: Int64, completion: Int64) {
        self.prompt = prompt
        self.completion = completion
    }
}

/// An action the decision engine considered but did not choose.
public struct AlternativeAction: Codable, Sendable, Hashable {
    public var action: ActionName
    public var confidence: Double

    /// Creates an alternative.
    public init(action: ActionName, confidence: Double) {
        self.action = action
        self.confidence = confidence
    }
}

/// One reason of a policy verdict.
public struct PolicyReason: Codable, Sendable, Hashable {
    public var code: PolicyReasonCode
    /// A sentence a person can act on, naming the policy and the numbers.
    public var message: String

    /// Creates a reason.
    public init(code: PolicyReasonCode, message: String) {
        self.code = code
        self.message = message
    }
}

/// The policy check's outcome as recorded on the request.
public struct PolicyStatus: Codable, Sendable, Hashable {
    public var verdict: PolicyVerdict
    /// Names of the SafetyPolicies that applied (`default` for the built-in defaults).
    public var policies: [String]
    public var reasons: [PolicyReason]
    /// Whether the action may only run as a server-side dry run.
    public var dryRun: Bool?
    /// When a time-bound denial expires.
    public var retryAfter: Date?

    /// Creates a policy status.
    public init(
        verdict: PolicyVerdict, policies: [String], reasons: [PolicyReason], dryRun: Bool? = nil,
        retryAfter: Date? = nil
    ) {
        self.verdict = verdict
        self.policies = policies
        self.reasons = reasons
        self.dryRun = dryRun
        self.retryAfter = retryAfter
    }
}

/// One field the executor changed.
public struct FieldChange: Codable, Sendable, Hashable {
    /// A readable path, e.g. `spec.template.spec.containers[app].resources.limits.memory`.
    public var path: String
    public var from: JSONValue?
    public var to: JSONValue?

    /// Creates a change record.
    public init(path: String, from: JSONValue?, to: JSONValue?) {
        self.path = path
        self.from = from
        self.to = to
    }
}

/// What the executor did.
public struct ExecutionStatus: Codable, Sendable, Hashable {
    /// Deterministic: see ``ActionID``.
    public var actionId: String
    public var dryRun: Bool?
    /// When the attempt started: written with the status that names the actionId, before its
    /// intent is recorded, so once set the action may have run (recovery checks the target).
    public var startedAt: Date?
    public var finishedAt: Date?
    public var result: ExecutionResult?
    public var message: String?
    public var changes: [FieldChange]?

    /// Creates an execution record.
    public init(
        actionId: String, dryRun: Bool? = nil, startedAt: Date? = nil, finishedAt: Date? = nil,
        result: ExecutionResult? = nil, message: String? = nil, changes: [FieldChange]? = nil
    ) {
        self.actionId = actionId
        self.dryRun = dryRun
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.result = result
        self.message = message
        self.changes = changes
    }
}

/// Whether the action worked.
public struct VerificationStatus: Codable, Sendable, Hashable {
    public var alertResolved: Bool?
    public var resolvedAt: Date?
    /// 0...1, see the effectiveness scorer in BallastCore.
    public var effectiveness: Double?

    /// Creates a verification record.
    public init(alertResolved: Bool? = nil, resolvedAt: Date? = nil, effectiveness: Double? = nil) {
        self.alertResolved = alertResolved
        self.resolvedAt = resolvedAt
        self.effectiveness = effectiveness
    }
}

/// How often the same alert (same fingerprint) was folded into this request.
public struct DeduplicationStatus: Codable, Sendable, Hashable {
    public var count: Int64
    public var lastSeen: Date?

    /// Creates a deduplication record.
    public init(count: Int64, lastSeen: Date? = nil) {
        self.count = count
        self.lastSeen = lastSeen
    }
}
