import Foundation

/// A cost guard for LLM calls: at most `callsPerMinute` calls in any sliding 60 s window and at
/// most `tokensPerDay` tokens per UTC day. When spent, the engine decides with the rules.
///
/// A value with time as a parameter; the call window is bounded by `callsPerMinute`.
public struct CallBudget: Sendable, Hashable {
    /// Limits; `nil` means unlimited.
    public struct Limits: Sendable, Hashable {
        /// Calls allowed in any 60 s window.
        public var callsPerMinute: Int?
        /// Tokens allowed per UTC day.
        public var tokensPerDay: Int?

        /// Creates limits (defaults: 30 calls/min, 2,000,000 tokens/day).
        public init(callsPerMinute: Int? = 30, tokensPerDay: Int? = 2_000_000) {
            self.callsPerMinute = callsPerMinute
            self.tokensPerDay = tokensPerDay
        }
    }

    /// Why a call was refused.
    public enum Refusal: Sendable, Hashable, CustomStringConvertible {
        /// The per-minute call limit is reached until `until`.
        case callsPerMinute(limit: Int, until: Date)
        /// The daily token limit is spent.
        case tokensPerDay(limit: Int, used: Int)

        /// A sentence for reasons and logs.
        public var description: String {
            switch self {
            case .callsPerMinute(let limit, _): "call budget of \(limit) calls per minute is spent"
            case .tokensPerDay(let limit, let used): "token budget spent: \(used) of \(limit) tokens today"
            }
        }
    }

    /// The limits.
    public let limits: Limits
    private var callTimes: [Date] = []
    private var day: Int = 0
    /// Tokens recorded today.
    public private(set) var tokensToday = 0

    /// Creates an unused budget.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Takes one call from the budget at `now`, or says why it cannot.
    public mutating func acquireCall(now: Date) -> Refusal? {
        rollDay(now)
        if let limit = limits.tokensPerDay, tokensToday >= limit {
            return .tokensPerDay(limit: limit, used: tokensToday)
        }
        if let limit = limits.callsPerMinute {
            callTimes.removeAll { now.timeIntervalSince($0) >= 60 }
            if callTimes.count >= limit {
                let until = (callTimes.first ?? now).addingTimeInterval(60)
                return .callsPerMinute(limit: limit, until: until)
            }
            callTimes.append(now)
        }
        return nil
    }

    /// Records tokens spent by a call at `now`.
    public mutating func recordTokens(_ tokens: Int, now: Date) {
        rollDay(now)
        tokensToday += max(0, tokens)
    }

    private mutating func rollDay(_ now: Date) {
        let today = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
        if today != day {
            day = today
            tokensToday = 0
        }
    }
}
