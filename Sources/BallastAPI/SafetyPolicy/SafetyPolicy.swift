import Foundation
import KubeTypes

/// `SafetyPolicy` (`sp`, cluster-scoped): guard rails set by cluster admins. Every policy whose
/// selectors match a target applies and the most restrictive outcome wins.
public struct SafetyPolicy: KubernetesObject, Hashable {
    /// Always `ballast.dev/v1alpha1`.
    public var apiVersion: String
    /// Always `SafetyPolicy`.
    public var kind: String
    /// Standard object metadata (no namespace).
    public var metadata: ObjectMeta
    /// The guard rails.
    public var spec: SafetyPolicySpec
    /// Observed state, written by the operator.
    public var status: SafetyPolicyStatus?

    /// Creates a policy with the canonical `apiVersion` and `kind`.
    public init(metadata: ObjectMeta, spec: SafetyPolicySpec, status: SafetyPolicyStatus? = nil) {
        self.apiVersion = BallastGroup.apiVersion
        self.kind = ResourceDescriptor.safetyPolicies.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// Whether a policy lets actions really execute.
public enum PolicyMode: String, APIEnum {
    case enforce = "Enforce"
    /// Every action in scope runs only as a server-side dry run.
    case dryRun = "DryRun"
}

/// `spec` of a ``SafetyPolicy``. Absent fields mean "this policy sets no limit here"; the
/// built-in defaults (BallastCore's `PolicyDefaults`) apply when no policy sets one.
public struct SafetyPolicySpec: Codable, Sendable, Hashable {
    public var emergencyStop: EmergencyStop?
    /// `Enforce` when absent.
    public var mode: PolicyMode?
    /// Namespaces (by label) the policy covers; empty or absent = all.
    public var namespaceSelector: LabelSelector?
    public var excludedNamespaces: [String]?
    /// Targets (by their labels) the policy lets Ballast act on; empty or absent = all.
    public var targetSelector: LabelSelector?
    /// 0...1; below it an action requires approval.
    public var minConfidence: Double?
    /// Remediations executing at once in scope.
    public var maxConcurrent: Int?
    public var rateLimit: RateLimit?
    public var coolingOff: CoolingOff?
    public var oscillation: OscillationSettings?
    public var circuitBreaker: CircuitBreakerSettings?
    /// Allow-list; absent = the built-in safe set.
    public var actions: [ActionPolicy]?

    /// Creates a spec; every field is optional.
    public init(
        emergencyStop: EmergencyStop? = nil, mode: PolicyMode? = nil, namespaceSelector: LabelSelector? = nil,
        excludedNamespaces: [String]? = nil, targetSelector: LabelSelector? = nil, minConfidence: Double? = nil,
        maxConcurrent: Int? = nil, rateLimit: RateLimit? = nil, coolingOff: CoolingOff? = nil,
        oscillation: OscillationSettings? = nil, circuitBreaker: CircuitBreakerSettings? = nil,
        actions: [ActionPolicy]? = nil
    ) {
        self.emergencyStop = emergencyStop
        self.mode = mode
        self.namespaceSelector = namespaceSelector
        self.excludedNamespaces = excludedNamespaces
        self.targetSelector = targetSelector
        self.minConfidence = minConfidence
        self.maxConcurrent = maxConcurrent
        self.rateLimit = rateLimit
        self.coolingOff = coolingOff
        self.oscillation = oscillation
        self.circuitBreaker = circuitBreaker
        self.actions = actions
    }
}

/// The emergency stop switch: when enabled no mutating action starts anywhere in scope.
public struct EmergencyStop: Codable, Sendable, Hashable {
    public var enabled: Bool
    public var reason: String?
    public var by: String?

    /// Creates a switch setting.
    public init(enabled: Bool, reason: String? = nil, by: String? = nil) {
        self.enabled = enabled
        self.reason = reason
        self.by = by
    }
}

/// At most `maxActions` executed actions per `per` in the policy's scope.
public struct RateLimit: Codable, Sendable, Hashable {
    public var maxActions: Int
    public var per: GoDuration

    /// Creates a rate limit.
    public init(maxActions: Int, per: GoDuration) {
        self.maxActions = maxActions
        self.per = per
    }
}

/// Minimum gaps between actions on the same target.
public struct CoolingOff: Codable, Sendable, Hashable {
    /// After the same action on the same target.
    public var sameAction: GoDuration?
    /// After any action on the same target.
    public var anyAction: GoDuration?

    /// Creates cooling-off settings.
    public init(sameAction: GoDuration? = nil, anyAction: GoDuration? = nil) {
        self.sameAction = sameAction
        self.anyAction = anyAction
    }
}

/// Per-action-type circuit breaker: after `consecutiveFailures` failures in a row the action is
/// denied for `openFor`.
public struct CircuitBreakerSettings: Codable, Sendable, Hashable {
    public var consecutiveFailures: Int
    public var openFor: GoDuration

    /// Creates breaker settings.
    public init(consecutiveFailures: Int, openFor: GoDuration) {
        self.consecutiveFailures = consecutiveFailures
        self.openFor = openFor
    }
}

/// One allow-list entry of a policy.
public struct ActionPolicy: Codable, Sendable, Hashable {
    public var name: ActionName
    /// Whether a person must approve every use of this action.
    public var requireApproval: Bool?
    /// Bounds on the action's parameters; keys are the catalog's limit names (e.g. `maxReplicas`).
    public var limits: [String: JSONValue]?

    /// Creates an allow-list entry.
    public init(name: ActionName, requireApproval: Bool? = nil, limits: [String: JSONValue]? = nil) {
        self.name = name
        self.requireApproval = requireApproval
        self.limits = limits
    }
}
