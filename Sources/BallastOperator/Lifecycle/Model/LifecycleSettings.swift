import Foundation

/// The lifecycle's tunables, with defaults the reconciler may override from its configuration.
public struct LifecycleSettings: Sendable, Hashable {
    /// Attempts (actionIds) per request; after the last one fails the request is Escalated.
    public var maxAttempts: Int
    /// A decision below this confidence is Escalated to a person outright; between it and the
    /// policy's `minConfidence` the policy asks for approval (`LowConfidence`).
    public var escalationConfidence: Double
    /// How long Verifying waits for the alert to resolve after the action finished.
    public var verificationWindow: TimeInterval
    /// How often Verifying looks again while the window is open.
    public var verificationPoll: TimeInterval
    /// How often a Blocked request without `retryAfter` (emergency stop, concurrency) re-checks.
    public var recheckInterval: TimeInterval
    /// Delay before attempt n+1 after a transient failure of attempt n: `retryBackoff · 2^(n-1)`.
    public var retryBackoff: TimeInterval
    /// Delay before retrying an eviction a PodDisruptionBudget refused.
    public var disruptionBudgetRetry: TimeInterval

    /// Creates settings; the defaults are 3 attempts, escalation below 0.5, a 10-minute
    /// verification window polled every 30 s, re-checks every 60 s, 30 s retry backoff and 60 s
    /// after a PodDisruptionBudget refusal.
    public init(
        maxAttempts: Int = 3, escalationConfidence: Double = 0.5, verificationWindow: TimeInterval = 600,
        verificationPoll: TimeInterval = 30, recheckInterval: TimeInterval = 60, retryBackoff: TimeInterval = 30,
        disruptionBudgetRetry: TimeInterval = 60
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.escalationConfidence = escalationConfidence
        self.verificationWindow = verificationWindow
        self.verificationPoll = verificationPoll
        self.recheckInterval = recheckInterval
        self.retryBackoff = retryBackoff
        self.disruptionBudgetRetry = disruptionBudgetRetry
    }

    /// The delay before the attempt after `attempt` (1-based) failed transiently.
    func backoff(after attempt: Int) -> TimeInterval {
        retryBackoff * Double(1 << min(max(attempt - 1, 0), 10))
    }
}

/// Condition types on a RemediationRequest (api.md).
public enum LifecycleCondition {
    /// A decision was made (or could not be: no target, no decision).
    public static let decided = "Decided"
    /// The policy check's outcome.
    public static let policyAllowed = "PolicyAllowed"
    /// Whether the action ran and how it ended.
    public static let executed = "Executed"
    /// Whether the action worked.
    public static let verified = "Verified"
    /// The spec is invalid or changed after creation.
    public static let invalidSpec = "InvalidSpec"
}
