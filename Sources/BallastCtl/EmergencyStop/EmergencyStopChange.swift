import BallastAPI
import KubeTypes

/// What `stop` and `resume` write, and how they recognise that an operator has confirmed it:
/// pure values and predicates, no I/O.
public struct EmergencyStopChange: Sendable, Hashable {
    /// The annotation `stop` puts on a SafetyPolicy it had to create, so that `resume` can tell
    /// it apart from a policy an admin wrote.
    public static let createdByAnnotation = "ballast.dev/created-by"
    /// The value of ``createdByAnnotation``.
    public static let createdByValue = "kubectl-ballast-stop"

    /// The SafetyPolicy to change.
    public var policyName: String
    /// `true` for `stop`, `false` for `resume`.
    public var enabled: Bool
    /// Why (stop only).
    public var reason: String?
    /// Who (stop only; `resume` clears `by` and `reason`).
    public var by: String?

    /// A stop of `policyName` by `by`, with an optional reason.
    public static func stop(policy policyName: String, reason: String?, by: String) -> EmergencyStopChange {
        EmergencyStopChange(policyName: policyName, enabled: true, reason: reason, by: by)
    }

    /// A resume of `policyName`.
    public static func resume(policy policyName: String) -> EmergencyStopChange {
        EmergencyStopChange(policyName: policyName, enabled: false, reason: nil, by: nil)
    }

    /// The spec the change sets.
    public var emergencyStop: EmergencyStop {
        EmergencyStop(enabled: enabled, reason: reason, by: by)
    }

    /// The JSON merge patch: sets `spec.emergencyStop` entirely, removing a `reason` or `by`
    /// the change does not carry (so a resume leaves no stale reason behind).
    public var mergePatch: JSONValue {
        let stop: [String: JSONValue] = [
            "enabled": .bool(enabled),
            "reason": reason.map(JSONValue.string) ?? .null,
            "by": by.map(JSONValue.string) ?? .null,
        ]
        return ["spec": ["emergencyStop": .object(stop)]]
    }

    /// The policy `stop` creates when `policyName` does not exist: only the emergency stop, no
    /// selectors (it covers the whole cluster) and no limits, marked with ``createdByAnnotation``.
    public var newPolicy: SafetyPolicy {
        SafetyPolicy(
            metadata: ObjectMeta(
                name: policyName, annotations: [Self.createdByAnnotation: Self.createdByValue]),
            spec: SafetyPolicySpec(emergencyStop: emergencyStop))
    }

    /// Whether an operator has observed the policy's current spec and reports the stop as
    /// `enabled`: `status.emergencyStop.active == enabled` and
    /// `status.observedGeneration >= metadata.generation`.
    public func isConfirmed(by policy: SafetyPolicy) -> Bool {
        guard let observed = policy.status?.observedGeneration, let generation = policy.metadata.generation,
            observed >= generation
        else { return false }
        return (policy.status?.emergencyStop?.active ?? false) == enabled
    }

    /// Whether `policy` is one that `stop` created and nobody has given any other setting
    /// since: `resume` deletes such a policy instead of leaving an empty one behind (an empty
    /// policy would end the "no policy at all → DryRun" fail-safe default).
    public static func isOnlyAStop(_ policy: SafetyPolicy) -> Bool {
        policy.metadata.annotations?[createdByAnnotation] == createdByValue
            && policy.spec == SafetyPolicySpec(emergencyStop: policy.spec.emergencyStop)
    }
}
