import BallastAPI
import BallastCore
import Foundation
import KubeTypes

/// Computes a SafetyPolicy's status from the policy and the cluster-wide counts: what the
/// SafetyPolicy reconciler writes (pure; `now` is a parameter).
public enum PolicyStatusComputation {
    /// The condition saying whether the policy is valid and in effect (api.md: `Ready`).
    public static let readyCondition = "Ready"
    /// The condition mirroring the emergency stop.
    public static let emergencyStopCondition = "EmergencyStopActive"
    /// `Ready=False` reason when `spec` fails semantic validation.
    public static let invalidReason = "InvalidSpec"

    /// The status of `policy` at `now`.
    ///
    /// Guarantees:
    /// - `emergencyStop.active` equals `spec.emergencyStop.enabled`; `since` is kept from the
    ///   previous status while the stop stays active, is `now` when it starts, and `nil` when inactive.
    /// - `executing` and `actionsInWindow` are the policy's counts (`ScopeCounting`): requests in
    ///   phase Executing in scope, and actions that may have mutated a target started within the
    ///   last `rateLimit.per` before `now`.
    /// - `circuitBreakers` lists every action type whose breaker is open or half-open under the
    ///   policy's effective breaker settings, sorted by action; absent when all are closed.
    /// - `Ready` is `True` (`Valid`) for a valid spec and `False` (``invalidReason``) with every
    ///   validation error, each naming its field, otherwise; `EmergencyStopActive` mirrors the
    ///   stop with its reason and author. Conditions keep their `lastTransitionTime` unless their
    ///   status flips, so recomputing an unchanged policy yields an identical status.
    public static func status(
        of policy: SafetyPolicy, counts: ScopeCounts, failures: [ActionName: FailureRun], now: Date
    ) -> SafetyPolicyStatus {
        let previous = policy.status ?? SafetyPolicyStatus()
        let effective = EffectivePolicy(policy)
        let generation = policy.metadata.generation
        var status = previous
        status.observedGeneration = generation
        let wasActive = previous.emergencyStop?.active ?? false
        status.emergencyStop = EmergencyStopStatus(
            active: effective.emergencyStop,
            since: effective.emergencyStop ? (wasActive ? previous.emergencyStop?.since ?? now : now) : nil)
        status.executing = counts.executing
        let windowStart = now.addingTimeInterval(-effective.rateLimit.per.timeInterval)
        status.actionsInWindow = counts.executedAt.filter { $0 > windowStart && $0 <= now }.count
        let breakers = CircuitBreaker.statuses(of: failures, settings: effective.circuitBreaker, now: now)
        status.circuitBreakers = breakers.isEmpty ? nil : breakers
        var conditions = previous.conditions ?? []
        let errors = policy.spec.validationErrors()
        if errors.isEmpty {
            conditions.set(
                readyCondition, status: .true, reason: "Valid", message: "policy is valid and in effect",
                observedGeneration: generation, now: now)
        } else {
            conditions.set(
                readyCondition, status: .false, reason: invalidReason, message: errors.joined(separator: "; "),
                observedGeneration: generation, now: now)
        }
        if effective.emergencyStop {
            conditions.set(
                emergencyStopCondition, status: .true, reason: "Requested",
                message: stopDescription(policy.spec.emergencyStop), observedGeneration: generation, now: now)
        } else {
            conditions.set(
                emergencyStopCondition, status: .false, reason: "NotRequested", message: "no emergency stop requested",
                observedGeneration: generation, now: now)
        }
        status.conditions = conditions
        return status
    }

    /// `emergency stop requested by oncall@example.com: INC-4711 …`, leaving out what is unset.
    static func stopDescription(_ stop: EmergencyStop?) -> String {
        var text = "emergency stop requested"
        if let by = stop?.by, !by.isEmpty { text += " by \(by)" }
        if let reason = stop?.reason, !reason.isEmpty { text += ": \(reason)" }
        return text
    }
}
