import BallastAPI
import KubeTypes

/// What an action will do, computed purely from the live objects: the exact API operations,
/// the field changes in api.md's `{path, from, to}` form, and the before/after snapshots
/// ActionHistory records.
public struct ExecutionPlan: Sendable, Hashable {
    /// The API calls, in order. The first one changes the target and carries the
    /// resourceVersion guard, so a concurrent change fails it before anything else happens.
    public var operations: [PlannedOperation]
    /// Every field the plan changes.
    public var changes: [FieldChange]
    /// Observed values before the action (e.g. `{replicas: 3}`).
    public var before: [String: JSONValue]
    /// Values after the action (e.g. `{replicas: 5}`).
    public var after: [String: JSONValue]
    /// One line for people, e.g. `replicas 3 -> 5`.
    public var summary: String

    /// Creates a plan.
    public init(
        operations: [PlannedOperation], changes: [FieldChange], before: [String: JSONValue] = [:],
        after: [String: JSONValue] = [:], summary: String
    ) {
        self.operations = operations
        self.changes = changes
        self.before = before
        self.after = after
        self.summary = summary
    }
}

/// A planner's verdict.
public enum PlanDecision: Sendable, Hashable {
    /// Run this plan.
    case execute(ExecutionPlan)
    /// The target already carries this actionId's effect: do nothing and report what was recorded.
    case alreadyApplied(AppliedRecord)
    /// Do nothing, for this reason.
    case refuse(Refusal)
}
