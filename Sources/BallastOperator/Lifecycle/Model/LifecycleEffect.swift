import BallastAPI
import Foundation
import KubeTypes

/// One thing the reconciler must do, in the order a ``LifecycleStep`` lists them.
///
/// The reconciler performs effects one by one and stops at the first that fails (the next
/// reconcile replays from the persisted state, which is safe: every step is idempotent for the
/// same observations). `gather`, `execute` and `checkApplied` produce observations: the reconciler
/// fills them into ``LifecycleObservations`` and calls the lifecycle again in the same reconcile.
public enum LifecycleEffect: Sendable, Hashable {
    /// Observe something and call ``RemediationLifecycle/next(request:observations:now:)`` again.
    case gather(LifecycleNeed)
    /// Write `metadata.annotations[key] = value` on the request (the spec fingerprint).
    case setAnnotation(key: String, value: String)
    /// Write the request's status through the `/status` subresource (or fold it into a later
    /// write, as ``RemediationLifecycle`` allows).
    case updateStatus(RemediationRequestStatus)
    /// Append this Pending entry to the target's ActionHistory (intent first).
    case recordIntent(ActionEntry)
    /// Run the action through the executor; it reports an ``ExecutionObservation``.
    case execute(ExecutionOrder)
    /// Ask the executor, without changing anything, whether `actionId` already applied.
    case checkApplied(actionId: String, target: TargetReference)
    /// Finish the ActionHistory entry of `actionId`.
    case completeHistoryEntry(HistoryCompletion)
    /// Emit a Kubernetes Event on the request.
    case emitEvent(LifecycleEvent)
    /// Reconcile the request again after this many seconds.
    case requeue(after: TimeInterval)
}

/// An observation the lifecycle needs before it can go on.
public enum LifecycleNeed: Sendable, Hashable {
    /// Look up the candidate target (walking a pod's owner chain when asked).
    case target(TargetCandidate)
    /// Run the decision engine for the request's alert on the resolved target.
    case decision(target: TargetReference)
    /// Evaluate the SafetyPolicies for this action (a `ProposedAction` in BallastCore).
    case policyVerdict(PolicyQuery)
    /// Read the target's ActionHistory entry for this actionId.
    case intent(actionId: String)
    /// Observe the alert and the target's health for verification.
    case verification(target: TargetReference)
}

/// What the policy check is asked about; the reconciler adds namespace and target labels,
/// observed values and cluster counts to build BallastCore's `ProposedAction`.
public struct PolicyQuery: Sendable, Hashable {
    /// The resolved target.
    public var target: TargetReference
    /// The decided action.
    public var action: ActionName
    /// The decided parameters.
    public var parameters: [String: JSONValue]
    /// The decision's confidence (1 for a requested action).
    public var confidence: Double
    /// `spec.mode` (Auto when absent).
    public var mode: RequestMode
    /// `spec.allowedActions`.
    public var allowedActions: [ActionName]?
}

/// The executor call the lifecycle orders.
public struct ExecutionOrder: Sendable, Hashable {
    /// The deterministic id of this attempt (``ActionID``); the executor stamps it on the target.
    public var actionId: String
    /// The catalog action to run.
    public var action: ActionName
    /// Its parameters, as decided (never widened by the alert's text).
    public var parameters: [String: JSONValue]
    /// The resolved target, with uid (the executor refuses a re-created object).
    public var target: TargetReference
    /// Server-side dry run only.
    public var dryRun: Bool
}

/// How an ActionHistory entry ends. Completing an entry again with the same state (after
/// verification) only adds its effectiveness; the reconciler upserts by actionId.
public struct HistoryCompletion: Sendable, Hashable {
    /// The entry to finish.
    public var actionId: String
    /// `Succeeded`, `Failed`, `DryRun` or `Abandoned`; never `Pending`.
    public var state: EntryState
    /// When the action finished (or was given up).
    public var finishedAt: Date
    /// The executor's or the lifecycle's one-line note.
    public var message: String
    /// Observed values before the action.
    public var before: [String: JSONValue]?
    /// Values after the action.
    public var after: [String: JSONValue]?
    /// Set when verification scored the action.
    public var effectiveness: Double?
}

/// A Kubernetes Event to emit on the request.
public struct LifecycleEvent: Sendable, Hashable {
    /// `Normal` or `Warning`.
    public enum Kind: String, Sendable, Hashable {
        /// Progress: decided, allowed, executed, completed.
        case normal = "Normal"
        /// A refusal, a failure or an escalation.
        case warning = "Warning"
    }

    /// `Normal` or `Warning`.
    public var type: Kind
    /// CamelCase, e.g. `CoolingOff`, `Executed`.
    public var reason: String
    /// A sentence a person can act on.
    public var message: String

    /// Creates an event.
    public init(_ type: Kind, _ reason: String, _ message: String) {
        self.type = type
        self.reason = reason
        self.message = message
    }
}
