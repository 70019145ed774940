import BallastAPI
import Foundation

/// A per-provider circuit breaker as a value: closed → open after `failureThreshold`
/// consecutive failures; after `openDuration` the next request is let through half-open (at
/// most `halfOpenTrials` at once); a success there closes it, a failure re-opens it.
///
/// Time is a parameter (`now`), so every transition is testable without waiting.
public struct ProviderCircuitBreaker: Sendable, Hashable {
    /// Thresholds.
    public struct Configuration: Sendable, Hashable {
        /// Consecutive failures that open the breaker (default 3).
        public var failureThreshold: Int
        /// How long it stays open before a trial (default 30 s).
        public var openDuration: Duration
        /// Trial requests let through at once while half-open (default 1).
        public var halfOpenTrials: Int

        /// Creates a configuration.
        public init(failureThreshold: Int = 3, openDuration: Duration = .seconds(30), halfOpenTrials: Int = 1) {
            self.failureThreshold = max(1, failureThreshold)
            self.openDuration = openDuration
            self.halfOpenTrials = max(1, halfOpenTrials)
        }
    }

    /// The observable state.
    public enum State: Sendable, Hashable {
        /// Requests flow; `failures` consecutive failures so far.
        case closed(failures: Int)
        /// Requests are refused until `until`.
        case open(until: Date)
        /// Trial requests are let through; `inFlight` of them are running.
        case halfOpen(inFlight: Int)

        /// The state without its counters, as the `ballast_circuit_breaker_state` gauge shows it.
        public var circuitState: CircuitState {
            switch self {
            case .closed: .closed
            case .open: .open
            case .halfOpen: .halfOpen
            }
        }
    }

    /// The thresholds.
    public let configuration: Configuration
    /// The current state.
    public private(set) var state: State = .closed(failures: 0)

    /// Creates a closed breaker.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Asks to send one request at `now`; `true` means go ahead (and report the outcome with
    /// ``recordSuccess()`` or ``recordFailure(now:)``), `false` means the breaker refuses.
    public mutating func acquire(now: Date) -> Bool {
        switch state {
        case .closed:
            return true
        case .open(let until):
            guard now >= until else { return false }
            state = .halfOpen(inFlight: 1)
            return true
        case .halfOpen(let inFlight):
            guard inFlight < configuration.halfOpenTrials else { return false }
            state = .halfOpen(inFlight: inFlight + 1)
            return true
        }
    }

    /// Whether a request at `now` would be let through (without taking a trial slot).
    public func isAvailable(now: Date) -> Bool {
        switch state {
        case .closed: true
        case .open(let until): now >= until
        case .halfOpen(let inFlight): inFlight < configuration.halfOpenTrials
        }
    }

    /// Gives back a request's slot without an outcome (the caller was cancelled), so a
    /// half-open breaker does not wait forever for a trial that will never report.
    public mutating func abandon() {
        if case .halfOpen(let inFlight) = state { state = .halfOpen(inFlight: max(0, inFlight - 1)) }
    }

    /// Records a successful request: the breaker closes.
    public mutating func recordSuccess() {
        state = .closed(failures: 0)
    }

    /// Records a failed request at `now`: counts towards opening, or re-opens a half-open breaker.
    public mutating func recordFailure(now: Date) {
        switch state {
        case .closed(let failures):
            state = failures + 1 >= configuration.failureThreshold ? .open(until: openUntil(now)) : .closed(failures: failures + 1)
        case .open, .halfOpen:
            state = .open(until: openUntil(now))
        }
    }

    private func openUntil(_ now: Date) -> Date {
        now.addingTimeInterval(configuration.openDuration.seconds)
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
