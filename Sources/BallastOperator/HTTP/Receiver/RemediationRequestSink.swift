import KubeTypes

/// Where the receiver's alerts go: the seam between the HTTP surface and the Kubernetes API.
///
/// The operator plugs in a KubeClient-backed implementation; tests use an in-memory one.
/// Implementations must be idempotent under retries (Alertmanager re-sends a notification
/// whose delivery failed) and must honour task cancellation: the receiver cancels a call that
/// exceeds its timeout and answers 503 so Alertmanager retries later.
public protocol RemediationRequestSink: Sendable {
    /// Creates a request for `alert`, or folds it into the active request for its fingerprint
    /// (incrementing `status.deduplication.count` and setting `lastSeen`).
    /// - Returns: Which request was created or updated.
    /// - Throws: Any error that means the alert was not recorded; the receiver answers 503.
    func createOrDeduplicate(_ alert: FiringAlert) async throws -> FiringOutcome

    /// Records the resolution on every request for the alert's fingerprint that lacks one
    /// (`status.verification.alertResolved`, `resolvedAt`).
    /// - Returns: The requests marked (empty when none matched).
    /// - Throws: Any error that means the resolution was not recorded; the receiver answers 503.
    func markResolved(_ alert: ResolvedAlert) async throws -> [ObjectKey]
}

/// What a sink did with a firing alert.
public enum FiringOutcome: Sendable, Hashable {
    /// A new request was created.
    case created(ObjectKey)
    /// The alert was folded into this active request; `count` is its new deduplication count.
    case deduplicated(ObjectKey, count: Int64)
}
