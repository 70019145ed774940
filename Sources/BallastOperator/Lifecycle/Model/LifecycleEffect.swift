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
    /// Write the request's status through the `/status` subresource.
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
    /// The decided action and its parameters.
    public var action: ActionName
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
    /// The deterministic id of this attempt (``ActionID``).
    public var actionId: String
    public var action: ActionName
    public var parameters: [String: JSONValue]
    /// The resolved target, with uid (the executor refuses a re-created object).
    public var target: TargetReference
    /// Server-side dry run only.
    public var dryRun: Bool
}

/// How an ActionHistory entry ends.
public struct HistoryCompletion: Sendable, Hashable {
    public var actionId: String
    /// `Succeeded`, `Failed`, `DryRun` or `Abandoned`; never `Pending`.
    public var state: EntryState
    public var finishedAt: Date
    public var message: String
    public var before: [String: JSONValue]?
    public var after: [String: JSONValue]?
    /// Set when verification scored the action.
    public var effectiveness: Double?
}

/// A Kubernetes Event to emit on the request.
public struct LifecycleEvent: Sendable, Hashable {
    /// `Normal` or `Warning`.
    public enum Kind: String, Sendable, Hashable {
        case normal = "Normal"
        case warning = "Warning"
    }

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
