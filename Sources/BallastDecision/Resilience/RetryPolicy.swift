import Foundation

/// When to retry a provider call that failed with 429, 5xx or a transport error.
///
/// Exponential backoff `base · 2^(attempt−1)` capped at `maximumDelay`, with deterministic
/// jitter supplied by the caller; a server's `Retry-After` wins when present. A `Retry-After`
/// longer than `maximumDelay` means "do not retry now" (the engine fails over instead of
/// blocking a reconcile).
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts including the first (default 3).
    public var maximumAttempts: Int
    /// First backoff (default 250 ms).
    public var baseDelay: Duration
    /// Longest wait between attempts (default 5 s).
    public var maximumDelay: Duration

    /// Creates a policy.
    public init(maximumAttempts: Int = 3, baseDelay: Duration = .milliseconds(250), maximumDelay: Duration = .seconds(5)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// No retries.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed, or `nil`
    /// when no retry should happen. `jitter` in [0, 1) spreads retries by up to 10 %.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?, jitter: Double = 0) -> Duration? {
        guard attempt < maximumAttempts else { return nil }
        if let retryAfter {
            return retryAfter <= maximumDelay ? max(retryAfter, .zero) : nil
        }
        let exponent = Double(1 << min(max(attempt - 1, 0), 20))
        let backoff = min(baseDelay.seconds * exponent, maximumDelay.seconds)
        let spread = backoff * 0.1 * min(max(jitter, 0), 1)
        return .milliseconds(Int64(((backoff + spread) * 1000).rounded()))
    }

    /// Parses an HTTP `Retry-After` value: delta-seconds or an HTTP date (relative to `now`).
    public static func parseRetryAfter(_ value: String, now: Date) -> Duration? {
        let trimmed = value.trimmingWhitespace
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 {
            return .milliseconds(Int64(seconds * 1000))
        }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
    }
}

/// IMF-fixdate parsing (`Sun, 06 Nov 1994 08:49:37 GMT`), the form `Retry-After` uses.
enum HTTPDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
            let monthIndex = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3 else { return nil }
        var components = DateComponents()
        components.year = year
        components.month = monthIndex + 1
        components.day = day
        components.hour = time[0]
        components.minute = time[1]
        components.second = time[2]
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        return calendar.date(from: components)
    }
}
