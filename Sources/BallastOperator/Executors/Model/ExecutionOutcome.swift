import BallastAPI
import KubeTypes

/// What an executor did, in a form the RemediationRequest reconciler writes to status and
/// ActionHistory without further interpretation.
public struct ExecutionOutcome: Sendable, Hashable {
    /// How the action ended.
    public enum Result: Sendable, Hashable {
        /// Every operation succeeded (or, in dry-run, the server accepted every operation).
        case succeeded
        /// The target already carries this actionId's effect; nothing was done now.
        case alreadyApplied
        /// Declined before changing anything.
        case refused(Refusal)
        /// An eviction was refused by a PodDisruptionBudget (HTTP 429); wait and retry.
        case blockedByDisruptionBudget(message: String)
        /// An API call failed; ``ExecutionOutcome/changes`` lists what was changed before it.
        case failed(ExecutionFailure)
    }

    /// The action.
    public var action: ActionName
    /// The deterministic id of this attempt.
    public var actionId: String
    /// Whether this was a server-side dry run (nothing persisted).
    public var dryRun: Bool
    /// How it ended.
    public var result: Result
    /// One line for people (status `message`).
    public var message: String
    /// What changed (or would change, in dry-run). On failure: only what did change.
    public var changes: [FieldChange]
    /// Observed values before the action, for ActionHistory.
    public var before: [String: JSONValue]
    /// Values after the action, for ActionHistory.
    public var after: [String: JSONValue]
    /// Per-pod results of evictions (`delete_pod`, `drain_node`).
    public var evictions: [EvictionReport]
    /// What `collect_diagnostics` gathered (the request's `status.diagnostics`).
    public var diagnostics: DiagnosticsStatus?

    /// Creates an outcome.
    public init(
        action: ActionName, actionId: String, dryRun: Bool, result: Result, message: String,
        changes: [FieldChange] = [], before: [String: JSONValue] = [:], after: [String: JSONValue] = [:],
        evictions: [EvictionReport] = [], diagnostics: DiagnosticsStatus? = nil
    ) {
        self.action = action
        self.actionId = actionId
        self.dryRun = dryRun
        self.result = result
        self.message = message
        self.changes = changes
        self.before = before
        self.after = after
        self.evictions = evictions
        self.diagnostics = diagnostics
    }

    /// `Succeeded` for a success or an already-applied effect, `Failed` otherwise (a refusal or
    /// a PDB block is not a success: the target is unchanged).
    public var executionResult: ExecutionResult {
        switch result {
        case .succeeded, .alreadyApplied: return .succeeded
        case .refused, .blockedByDisruptionBudget, .failed: return .failed
        }
    }
}

/// An API call that failed, described so a person can act on it.
public struct ExecutionFailure: Sendable, Hashable, CustomStringConvertible {
    /// The KubeClient error code (`conflict`, `forbidden`, `invalid`, …).
    public var code: String
    /// The operation that failed, e.g. `PATCH deployments.apps shop/web (merge)`.
    public var operation: String
    /// The server's explanation.
    public var message: String

    /// Creates a failure.
    public init(code: String, operation: String, message: String) {
        self.code = code
        self.operation = operation
        self.message = message
    }

    /// `operation failed (code): message`.
    public var description: String { "\(operation) failed (\(code)): \(message)" }
}

/// The result of evicting one pod.
public struct EvictionReport: Sendable, Hashable, Codable {
    /// What happened to the pod.
    public enum Result: String, Sendable, Hashable, Codable {
        /// Evicted (or, in dry-run, the eviction was allowed).
        case evicted = "Evicted"
        /// A PodDisruptionBudget forbids evicting it now.
        case blocked = "BlockedByDisruptionBudget"
        /// The pod was already gone (or replaced by a pod with another uid).
        case gone = "Gone"
        /// Another error.
        case failed = "Failed"
        /// Not started: an emergency stop covers the pod's namespace (the outcome fails with
        /// code `emergencyStop`; the report's message names the policies).
        case stopped = "StoppedByEmergencyStop"
    }

    /// `namespace/name`.
    public var pod: String
    /// What happened.
    public var result: Result
    /// The server's message, when there is one.
    public var message: String?

    /// Creates a report.
    public init(pod: String, result: Result, message: String? = nil) {
        self.pod = pod
        self.result = result
        self.message = message
    }
}
