/// A token bucket in the style of Go's `rate.Limiter`: tokens refill at `ratePerSecond` up to
/// `burst`, and every take removes one.
///
/// ``reserve(at:)`` always takes a token and returns how long the caller must wait for it; a
/// reservation made while the bucket is empty drives it negative, so concurrent reservations
/// queue up behind each other rather than all firing at the refill instant. ``take(at:)`` takes
/// a token only when one is available. Time is a parameter (seconds on any monotonic axis the
/// caller chooses), so the bucket is deterministic under test.
public struct TokenBucket: Sendable, Hashable {
    /// Tokens added per second.
    public let ratePerSecond: Double
    /// The most tokens the bucket holds (and the largest burst it allows).
    public let burst: Int
    private var tokens: Double
    private var last: Double?

    /// A full bucket. Defaults are client-go's controller rate limiter: 10 per second, burst 100.
    public init(ratePerSecond: Double = 10, burst: Int = 100) {
        self.ratePerSecond = max(ratePerSecond, .leastNonzeroMagnitude)
        self.burst = max(burst, 1)
        self.tokens = Double(self.burst)
    }

    /// Takes one token at time `now` (seconds) and returns the wait before it may be used:
    /// zero when a token was available.
    public mutating func reserve(at now: Double) -> Duration {
        refill(at: now)
        tokens -= 1
        guard tokens < 0 else { return .zero }
        return .seconds(-tokens / ratePerSecond)
    }

    /// Takes one token at time `now` (seconds) if one is available. - Returns: whether it did.
    public mutating func take(at now: Double) -> Bool {
        refill(at: now)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// The tokens available at `now`, without taking one (negative while reservations wait).
    public mutating func available(at now: Double) -> Double {
        refill(at: now)
        return tokens
    }

    private mutating func refill(at now: Double) {
        if let last, now > last {
            tokens = min(Double(burst), tokens + (now - last) * ratePerSecond)
        }
        if last.map({ now > $0 }) ?? true { last = now }
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
