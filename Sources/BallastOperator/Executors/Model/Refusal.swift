/// Why an executor declined to act. Nothing was changed when an action is refused.
public enum RefusalReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// The parameters do not satisfy the action's schema or the policy's limits.
    case invalidParameters = "InvalidParameters"
    /// The action does not apply to this kind of target.
    case unsupportedTarget = "UnsupportedTarget"
    /// The target does not exist (any more).
    case targetNotFound = "TargetNotFound"
    /// The target was deleted and re-created since it was resolved (its uid differs).
    case targetReplaced = "TargetReplaced"
    /// The target already is in the requested state.
    case nothingToDo = "NothingToDo"
    /// A HorizontalPodAutoscaler owns the workload's replica count; use `update_hpa`.
    case hpaOwned = "HPAOwned"
    /// The requested requests/limits are lower than the current ones.
    case limitsWouldLower = "LimitsWouldLower"
    /// A computed value exceeds a policy limit.
    case exceedsLimit = "ExceedsLimit"
    /// The named container does not exist in the pod template.
    case containerNotFound = "ContainerNotFound"
    /// There is no earlier ReplicaSet revision to roll back to.
    case noPreviousRevision = "NoPreviousRevision"
    /// A paused Deployment is not rolled back, restarted or given new resources: it would roll
    /// nothing out (as `kubectl rollout undo` and `kubectl rollout restart` refuse).
    case deploymentPaused = "DeploymentPaused"
    /// The requested `toRevision` does not exist.
    case revisionNotFound = "RevisionNotFound"
    /// The claim's StorageClass does not allow volume expansion.
    case storageClassNotExpandable = "StorageClassNotExpandable"
    /// The new size is not larger than the current one.
    case sizeWouldShrink = "SizeWouldShrink"
    /// More pods would be evicted than the policy's `maxPods` allows.
    case tooManyPods = "TooManyPods"
    /// A drain would evict pods no controller re-creates (no controller ownerReference) and the
    /// `force` parameter does not allow it (as `kubectl drain` refuses without `--force`).
    case unmanagedPods = "UnmanagedPods"
    /// A drain would evict pods with `emptyDir` volumes, losing their data, and the
    /// `deleteEmptyDirData` parameter does not allow it (as `kubectl drain` refuses without
    /// `--delete-emptydir-data`).
    case localData = "LocalData"
}

/// A refusal with a message a person can act on (naming the object and field).
public struct Refusal: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The stable, CamelCase reason.
    public var reason: RefusalReason
    /// What was found and what to do instead.
    public var message: String

    /// Creates a refusal.
    public init(_ reason: RefusalReason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// `Reason: message`.
    public var description: String { "\(reason.rawValue): \(message)" }
}
