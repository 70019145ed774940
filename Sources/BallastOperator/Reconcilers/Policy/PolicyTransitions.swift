import BallastAPI
import ControllerRuntime
import Foundation
import KubeTypes

/// One Event the SafetyPolicy reconciler records on a policy.
public struct PolicyEvent: Sendable, Hashable {
    /// Warning for what stops or denies work, Normal for what lets it resume.
    public var type: EventType
    /// CamelCase reason (`EmergencyStopActivated`, …).
    public var reason: String
    /// One line for people.
    public var message: String

    /// Creates an event description.
    public init(type: EventType, reason: String, message: String) {
        self.type = type
        self.reason = reason
        self.message = message
    }
}

/// The Events a change of a SafetyPolicy's status deserves (pure).
///
/// | change | type | reason |
/// |---|---|---|
/// | emergency stop becomes active | Warning | `EmergencyStopActivated` (reason and author) |
/// | emergency stop no longer active | Normal | `EmergencyStopLifted` |
/// | a breaker opens (was closed or half-open) | Warning | `CircuitBreakerOpened` |
/// | an open breaker becomes half-open | Normal | `CircuitBreakerHalfOpen` |
/// | a breaker closes | Normal | `CircuitBreakerClosed` |
/// | the spec becomes invalid, or its errors change | Warning | `InvalidSpec` |
///
/// Guarantees: identical statuses yield no Event, so a converged policy never repeats one; the
/// order is stop, breakers by action, validity.
public enum PolicyTransitions {
    /// The Events for going from `old` to `new`.
    /// - Parameter stop: the policy's `spec.emergencyStop` (its reason and author go into the message).
    public static func events(from old: SafetyPolicyStatus?, to new: SafetyPolicyStatus, stop: EmergencyStop?) -> [PolicyEvent] {
        var events: [PolicyEvent] = []
        let wasActive = old?.emergencyStop?.active ?? false
        let isActive = new.emergencyStop?.active ?? false
        if isActive, !wasActive {
            events.append(PolicyEvent(
                type: .warning, reason: "EmergencyStopActivated",
                message: PolicyStatusComputation.stopDescription(stop) + "; no new mutating action starts in this policy's scope"))
        } else if wasActive, !isActive {
            events.append(PolicyEvent(
                type: .normal, reason: "EmergencyStopLifted",
                message: "emergency stop lifted; requests it blocked resume on their own"))
        }
        events += breakerEvents(from: old?.circuitBreakers ?? [], to: new.circuitBreakers ?? [])
        let ready = new.conditions?.condition(PolicyStatusComputation.readyCondition)
        let wasReady = old?.conditions?.condition(PolicyStatusComputation.readyCondition)
        if let ready, ready.status == .false, wasReady?.status != .false || wasReady?.message != ready.message {
            events.append(PolicyEvent(type: .warning, reason: PolicyStatusComputation.invalidReason, message: ready.message))
        }
        return events
    }

    private static func breakerEvents(from old: [CircuitBreakerStatus], to new: [CircuitBreakerStatus]) -> [PolicyEvent] {
        let before = Dictionary(old.map { ($0.action, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.map { ($0.action, $0) }, uniquingKeysWith: { first, _ in first })
        var events: [PolicyEvent] = []
        for action in Set(before.keys).union(after.keys).sorted() {
            let was = before[action]?.state ?? .closed
            guard let breaker = after[action] else {
                if was != .closed {
                    events.append(PolicyEvent(
                        type: .normal, reason: "CircuitBreakerClosed",
                        message: "\(action.rawValue): circuit breaker closed; the action may run again"))
                }
                continue
            }
            switch (was, breaker.state) {
            case (.closed, .open), (.halfOpen, .open):
                var message = "\(action.rawValue): circuit breaker opened after \(breaker.failures ?? 0) consecutive failures"
                if let until = breaker.until { message += "; denied until \(KubeTime.format(until))" }
                events.append(PolicyEvent(type: .warning, reason: "CircuitBreakerOpened", message: message))
            case (.open, .halfOpen):
                events.append(PolicyEvent(
                    type: .normal, reason: "CircuitBreakerHalfOpen",
                    message: "\(action.rawValue): circuit breaker half-open; one trial run is allowed"))
            default:
                break
            }
        }
        return events
    }
}
