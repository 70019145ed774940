import KubeTypes

/// Where the receiver's alerts go: the seam between the HTTP surface and the Kubernetes API.
///
/// The operator plugs in a KubeClient-backed implementation; tests use an in-memory one.
/// Implementations must be idempotent under retries (Alertmanager re-sends a notification
/// whose delivery failed) and must honour task cancellation: the receiver cancels a call that
/// exceeds its timeout and answers 503 so Alertmanager retries later.
///
/// A sink distinguishes two kinds of failure: ``AlertRejected`` says the API server refused this
/// one alert for a reason retrying cannot fix (the receiver reports the alert, goes on with the
/// others and answers 200); any other error is transient (the receiver answers 503).
public protocol RemediationRequestSink: Sendable {
    /// Creates a request for `alert`, or folds it into the active request for its fingerprint
    /// (incrementing `status.deduplication.count` and setting `lastSeen`).
    /// - Returns: Which request was created or updated.
    /// - Throws: ``AlertRejected`` when this alert can never be recorded; any other error means
    ///   it was not recorded this time, and the receiver answers 503.
    func createOrDeduplicate(_ alert: FiringAlert) async throws -> FiringOutcome

    /// Records the resolution on every request for the alert's fingerprint that lacks one
    /// (`status.verification.alertResolved`, `resolvedAt`).
    /// - Returns: The requests marked (empty when none matched).
    /// - Throws: ``AlertRejected`` when this resolution can never be recorded; any other error
    ///   means it was not recorded this time, and the receiver answers 503.
    func markResolved(_ alert: ResolvedAlert) async throws -> [ObjectKey]
}

/// What a sink did with a firing alert.
public enum FiringOutcome: Sendable, Hashable {
    /// A new request was created.
    case created(ObjectKey)
    /// The alert was folded into this active request; `count` is its new deduplication count.
    case deduplicated(ObjectKey, count: Int64)
}

/// The API server refused one alert for a reason that retrying the notification cannot fix
/// (the object is invalid, its namespace does not exist or is terminating). The receiver
/// reports the alert as rejected and carries on.
public struct AlertRejected: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the API server said, naming the object and the reason.
    public var reason: String

    /// Creates a rejection carrying the API server's reason.
    public init(reason: String) {
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }
}
