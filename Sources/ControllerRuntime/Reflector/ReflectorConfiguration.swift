/// Timing of a reflector's list/watch loop. Defaults follow client-go's reflector.
public struct ReflectorConfiguration: Sendable, Hashable {
    /// Server-side watch timeouts are drawn uniformly from this range (seconds), so that
    /// replicas started together do not all re-watch (or relist) at the same moment.
    public var watchTimeoutSeconds: ClosedRange<Int>
    /// The first backoff after a failure.
    public var initialBackoff: Duration
    /// The longest backoff.
    public var maxBackoff: Duration
    /// Each backoff is stretched by a random factor in `[1, 1 + jitter]`.
    public var jitter: Double
    /// A failure this long after the previous one starts the backoff over from `initialBackoff`.
    public var resetAfter: Duration

    /// A dead connection is detected by KubeClient's watch, which abandons a stream silent for
    /// longer than its `timeoutSeconds` plus a grace period.
    /// - Parameters: see the properties; defaults: watch timeout 300–600 s,
    ///   backoff 0.8 s doubling to 30 s with jitter 1.0, reset after 2 minutes without failure.
    public init(
        watchTimeoutSeconds: ClosedRange<Int> = 300...600,
        initialBackoff: Duration = .milliseconds(800),
        maxBackoff: Duration = .seconds(30),
        jitter: Double = 1.0,
        resetAfter: Duration = .seconds(120)
    ) {
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.initialBackoff = initialBackoff
        self.maxBackoff = max(initialBackoff, maxBackoff)
        self.jitter = max(0, jitter)
        self.resetAfter = resetAfter
    }
}

/// Why a list or watch request failed, as far as the reflector cares.
public enum ReflectorFailure: Sendable, Hashable {
    /// 410 Gone / `Expired`: the resourceVersion is too old; only a fresh list helps.
    case expired
    /// 429: the server asks to slow down (optionally saying for how long); no relist needed.
    case tooManyRequests(retryAfter: Duration?)
    /// Anything else: connection refused or reset, 5xx, a dead (idle) stream, 401/403.
    case transient(String)
}
