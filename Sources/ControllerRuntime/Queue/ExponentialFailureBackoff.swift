/// Per-key exponential backoff after failures: `base · 2^failures`, capped at `cap`.
///
/// The defaults (5 ms doubling, capped at 1000 s) are client-go's
/// `ItemExponentialFailureRateLimiter`. The value is pure: the failure count lives in the
/// work queue, which resets it on success or on a `requeue(after:)`.
public struct ExponentialFailureBackoff: Sendable, Hashable {
    /// The delay after the first failure.
    public var base: Duration
    /// The longest delay ever returned.
    public var cap: Duration

    /// - Parameters:
    ///   - base: the delay after the first failure (default 5 ms).
    ///   - cap: the upper bound of every delay (default 1000 s).
    public init(base: Duration = .milliseconds(5), cap: Duration = .seconds(1000)) {
        self.base = base
        self.cap = max(base, cap)
    }

    /// The delay before retrying a key that has failed `previousFailures` times before this
    /// failure: `base` for the first failure, doubling each time, never above `cap`.
    public func delay(previousFailures: Int) -> Duration {
        // Past 2^62 the shift overflows; such a delay is far beyond any sensible cap anyway.
        guard previousFailures < 62 else { return cap }
        let clamped = max(previousFailures, 0)
        let scaledSeconds = base.seconds * Double(Int64(1) << Int64(clamped))
        guard scaledSeconds < cap.seconds else { return cap }
        return base * (1 << clamped)
    }
}
