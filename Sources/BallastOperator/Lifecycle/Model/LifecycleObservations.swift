import BallastAPI
import BallastCore
import Foundation
import KubeTypes

/// Everything the reconciler observed during one reconcile of a RemediationRequest.
///
/// Every field is optional: the lifecycle asks for what it needs with a
/// ``LifecycleEffect/gather(_:)`` effect, the reconciler fills that field and calls
/// ``RemediationLifecycle/next(request:observations:now:)`` again. Observations are facts, never
/// instructions: nothing here can widen the target, the action set or the limits.
public struct LifecycleObservations: Sendable, Hashable {
    /// The live target, looked up for the candidate the lifecycle asked for.
    public var target: TargetLookup?
    /// The decision engine's answer (only asked for when `spec.action` is absent).
    public var decision: DecisionObservation?
    /// The policy verdict for the decided action on the resolved target.
    public var verdict: Verdict?
    /// Whether a covering SafetyPolicy has its emergency stop enabled (names of those policies).
    /// Checked on every reconcile of a non-terminal request: nothing new starts while it is set.
    public var emergencyStop: [String]?
    /// The ActionHistory entry of the current actionId, if it was recorded.
    public var intent: IntentLookup?
    /// What the executor reported for the execute effect of this reconcile.
    public var execution: ExecutionObservation?
    /// After a crash: whether the target already carries the current actionId's effect.
    public var appliedCheck: AppliedCheck?
    /// Whether the remediation worked (only asked for in Verifying).
    public var verification: VerificationSignal?
    /// Another live request already handling the same alert fingerprint (its name).
    public var duplicateOf: String?

    /// Creates observations; everything unobserved is `nil`.
    public init(
        target: TargetLookup? = nil, decision: DecisionObservation? = nil, verdict: Verdict? = nil,
        emergencyStop: [String]? = nil, intent: IntentLookup? = nil, execution: ExecutionObservation? = nil,
        appliedCheck: AppliedCheck? = nil, verification: VerificationSignal? = nil, duplicateOf: String? = nil
    ) {
        self.target = target
        self.decision = decision
        self.verdict = verdict
        self.emergencyStop = emergencyStop
        self.intent = intent
        self.execution = execution
        self.appliedCheck = appliedCheck
        self.verification = verification
        self.duplicateOf = duplicateOf
    }

    /// Whether an emergency stop holds: observed directly or as a reason of the verdict.
    var emergencyStopHolds: Bool {
        !(emergencyStop ?? []).isEmpty || (verdict?.reasons.contains { $0.code == .emergencyStop } ?? false)
    }
}

/// The result of looking up a ``TargetCandidate`` in the cluster.
public enum TargetLookup: Sendable, Hashable {
    /// The object exists; the reference carries its namespace and uid (for a pod: the top
    /// controller of its owner chain, or the pod itself when it has none).
    case found(TargetReference)
    /// The object (or an owner in the chain) does not exist; the message names it.
    case missing(String)
}

/// The decision engine's answer for an alert-driven request.
public enum DecisionObservation: Sendable, Hashable {
    /// An action was chosen (source LLM, Rules or Cache).
    case decided(DecisionStatus)
    /// Nothing could decide (the LLM failed and no rule matched); the message says why.
    case failed(String)
}

/// Whether the intent of the current actionId is in the target's ActionHistory.
public enum IntentLookup: Sendable, Hashable {
    /// No entry with this actionId.
    case absent
    /// The entry, in whatever state it was last written.
    case recorded(ActionEntry)
}

/// What the executor reported.
///
/// The reconciler maps the executor's `ExecutionOutcome.Result`: `succeeded` →
/// `.succeeded(alreadyApplied: false)`, `alreadyApplied` → `.succeeded(alreadyApplied: true)`,
/// `refused(r)` → `.refused(reason: r.reason.rawValue)`, `blockedByDisruptionBudget` →
/// `.blockedByDisruptionBudget`, `failed(f)` → `.failed(transient:)` with `transient` true for
/// timeouts, 429, 5xx and conflicts the executor could not re-plan.
public struct ExecutionObservation: Sendable, Hashable {
    /// How the call ended.
    public enum Result: Sendable, Hashable {
        /// Every operation succeeded (or the target already carried this actionId's effect).
        case succeeded(alreadyApplied: Bool)
        /// Declined before changing anything; `reason` is the executor's CamelCase code.
        case refused(reason: String)
        /// An eviction was refused by a PodDisruptionBudget; try again later.
        case blockedByDisruptionBudget
        /// An API call failed; `transient` when a retry may succeed (timeouts, 5xx, conflicts).
        case failed(transient: Bool)
    }

    /// The actionId the executor ran; must be the current one.
    public var actionId: String
    /// How it ended.
    public var result: Result
    /// One line for people.
    public var message: String
    /// What changed (on failure: only what did change).
    public var changes: [FieldChange]
    /// Observed values before the action, for ActionHistory.
    public var before: [String: JSONValue]
    /// Values after the action, for ActionHistory.
    public var after: [String: JSONValue]
    /// What `collect_diagnostics` found, for `status.diagnostics`.
    public var diagnostics: DiagnosticsStatus?

    /// Creates an observation.
    public init(
        actionId: String, result: Result, message: String, changes: [FieldChange] = [],
        before: [String: JSONValue] = [:], after: [String: JSONValue] = [:], diagnostics: DiagnosticsStatus? = nil
    ) {
        self.actionId = actionId
        self.result = result
        self.message = message
        self.changes = changes
        self.before = before
        self.after = after
        self.diagnostics = diagnostics
    }
}

/// After a crash left an intent Pending: does the target carry the actionId's effect
/// (the `ballast.dev/last-action-id` annotation)?
public enum AppliedCheck: Sendable, Hashable {
    /// Yes: the action ran before the crash; the message says what the target shows.
    case applied(String)
    /// No: the action never touched the target.
    case notApplied
    /// Partly: the action changed some of the target and was interrupted (a drain that
    /// cordoned the node and evicted some pods); the message says what is left undone.
    case partiallyApplied(String)
}

/// What verification observed about the alert and the target.
public struct VerificationSignal: Sendable, Hashable {
    /// When the alert resolved, if it did (for manual requests without an alert: `nil`).
    public var alertResolvedAt: Date?
    /// Whether the target looks healthy (ready replicas, no crash loops).
    public var targetHealthy: Bool
    /// Whether the alert fired again after resolving.
    public var recurred: Bool
    /// Distinct new alerts on the target since the action.
    public var newAlerts: Int

    /// Creates a signal.
    public init(alertResolvedAt: Date? = nil, targetHealthy: Bool, recurred: Bool = false, newAlerts: Int = 0) {
        self.alertResolvedAt = alertResolvedAt
        self.targetHealthy = targetHealthy
        self.recurred = recurred
        self.newAlerts = newAlerts
    }
}
