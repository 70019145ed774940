import Foundation
import KubeTypes

/// What a policy does when oscillation is detected on a target.
public enum OscillationResponse: String, APIEnum {
    case block = "Block"
    case escalate = "Escalate"
    case coolOff = "CoolOff"
}

/// Oscillation-detection settings, on a SafetyPolicy (`spec.oscillation`) and as per-target
/// overrides on an ActionHistory (`spec.analysis`). Absent fields take the defaults documented on
/// BallastCore's `OscillationThresholds`.
public struct OscillationSettings: Codable, Sendable, Hashable {
    /// How far back detection looks (default 2h).
    public var window: GoDuration?
    /// What to do about Critical/High detections (default Block).
    public var onDetect: OscillationResponse?
    /// How long a detection blocks the target (default 30m).
    public var coolOff: GoDuration?
    /// Flapping starts at or above this percent state change (default 30).
    public var flapStartPercent: Double?
    /// Flapping stops at or below this percent state change (default 20).
    public var flapStopPercent: Double?
    /// New alerts this soon after an action count as a cascade (default 30m).
    public var cascadeWindow: GoDuration?
    /// Length of one of the 20 intervals the flap detector samples (default 5m, so 100m in all).
    public var flapInterval: GoDuration?

    /// Creates settings; every field is optional.
    public init(
        window: GoDuration? = nil, onDetect: OscillationResponse? = nil, coolOff: GoDuration? = nil,
        flapStartPercent: Double? = nil, flapStopPercent: Double? = nil, cascadeWindow: GoDuration? = nil,
        flapInterval: GoDuration? = nil
    ) {
        self.window = window
        self.onDetect = onDetect
        self.coolOff = coolOff
        self.flapStartPercent = flapStartPercent
        self.flapStopPercent = flapStopPercent
        self.cascadeWindow = cascadeWindow
        self.flapInterval = flapInterval
    }
}

/// State of one action type's circuit breaker.
public enum CircuitState: String, APIEnum {
    case closed = "Closed"
    case open = "Open"
    case halfOpen = "HalfOpen"
}

extension CircuitState {
    /// The value of the `ballast_circuit_breaker_state` gauge: 0 closed, 1 half-open, 2 open.
    public var gaugeValue: Double {
        switch self {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
    }
}

/// `status` of a ``SafetyPolicy``.
public struct SafetyPolicyStatus: Codable, Sendable, Hashable {
    public var observedGeneration: Int64?
    public var emergencyStop: EmergencyStopStatus?
    /// Remediations executing now in scope.
    public var executing: Int?
    /// Executed actions within the rate-limit window.
    public var actionsInWindow: Int?
    public var circuitBreakers: [CircuitBreakerStatus]?
    public var conditions: [Condition]?

    /// Creates a status; every field is optional.
    public init(
        observedGeneration: Int64? = nil, emergencyStop: EmergencyStopStatus? = nil, executing: Int? = nil,
        actionsInWindow: Int? = nil, circuitBreakers: [CircuitBreakerStatus]? = nil, conditions: [Condition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.emergencyStop = emergencyStop
        self.executing = executing
        self.actionsInWindow = actionsInWindow
        self.circuitBreakers = circuitBreakers
        self.conditions = conditions
    }
}

/// Whether the emergency stop is in effect and since when.
public struct EmergencyStopStatus: Codable, Sendable, Hashable {
    public var active: Bool
    public var since: Date?

    /// Creates a status.
    public init(active: Bool, since: Date? = nil) {
        self.active = active
        self.since = since
    }
}

/// One action type's breaker as observed by the operator.
public struct CircuitBreakerStatus: Codable, Sendable, Hashable {
    public var action: ActionName
    public var state: CircuitState
    /// When an open breaker becomes half-open.
    public var until: Date?
    /// Consecutive failures counted.
    public var failures: Int?

    /// Creates a breaker status.
    public init(action: ActionName, state: CircuitState, until: Date? = nil, failures: Int? = nil) {
        self.action = action
        self.state = state
        self.until = until
        self.failures = failures
    }
}
