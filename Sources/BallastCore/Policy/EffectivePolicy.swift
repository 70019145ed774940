import BallastAPI
import Foundation
import KubeTypes

/// The built-in defaults: what applies to every field a policy leaves out, and the whole policy
/// (in DryRun mode, fail safe) when no SafetyPolicy matches a target.
public enum PolicyDefaults {
    /// The name reported in `status.policy.policies` when the built-in defaults applied.
    public static let name = "ballast-defaults"
    /// Below this confidence a mutating action needs approval: 0.8 (api.md example).
    public static let minConfidence = 0.8
    /// Remediations executing at once in scope: 5.
    public static let maxConcurrent = 5
    /// 20 executed actions per hour in scope.
    public static let rateLimit = RateLimit(maxActions: 20, per: .hours(1))
    /// 10m after the same action on the same target; 2m after any action on it.
    public static let coolingOff = CoolingOff(sameAction: .minutes(10), anyAction: .minutes(2))
    /// Open a breaker after 3 consecutive failures of one action type, for 30m (Kubernaut blocks
    /// a target after 3 consecutive failures).
    public static let circuitBreaker = CircuitBreakerSettings(consecutiveFailures: 3, openFor: .minutes(30))

    /// The policy used when none matches: all defaults, `mode: DryRun`.
    public static let policy = SafetyPolicy(
        metadata: ObjectMeta(name: name), spec: SafetyPolicySpec(mode: .dryRun))
}

/// A SafetyPolicy with every absent field replaced by its ``PolicyDefaults`` value: the numbers
/// the evaluator actually applies.
public struct EffectivePolicy: Sendable, Hashable {
    /// The policy's name.
    public var name: String
    /// The policy as written.
    public var spec: SafetyPolicySpec
    /// `spec.emergencyStop.enabled`.
    public var emergencyStop: Bool
    /// `spec.mode == DryRun`.
    public var dryRun: Bool
    /// Below this confidence a mutating action needs approval.
    public var minConfidence: Double
    /// Remediations executing at once in scope.
    public var maxConcurrent: Int
    /// Executed actions per window in scope.
    public var rateLimit: RateLimit
    /// Cooling-off after the same action on the same target.
    public var sameActionCoolOff: GoDuration
    /// Cooling-off after any action on the same target.
    public var anyActionCoolOff: GoDuration
    /// The per-action-type breaker.
    public var circuitBreaker: CircuitBreakerSettings
    /// The allow-list entries by action; `nil` means the built-in safe set.
    public var allowList: [ActionName: ActionPolicy]?

    /// Resolves `policy` against the defaults.
    public init(_ policy: SafetyPolicy) {
        let spec = policy.spec
        name = policy.metadata.name ?? "<unnamed>"
        self.spec = spec
        emergencyStop = spec.emergencyStop?.enabled ?? false
        dryRun = spec.mode == .dryRun
        minConfidence = spec.minConfidence ?? PolicyDefaults.minConfidence
        maxConcurrent = spec.maxConcurrent ?? PolicyDefaults.maxConcurrent
        rateLimit = spec.rateLimit ?? PolicyDefaults.rateLimit
        sameActionCoolOff = spec.coolingOff?.sameAction ?? PolicyDefaults.coolingOff.sameAction ?? .zero
        anyActionCoolOff = spec.coolingOff?.anyAction ?? PolicyDefaults.coolingOff.anyAction ?? .zero
        circuitBreaker = spec.circuitBreaker ?? PolicyDefaults.circuitBreaker
        allowList = spec.actions.map { entries in
            Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Whether the policy allows `action` at all (read-only actions are always allowed).
    public func allows(_ action: ActionName) -> Bool {
        guard ActionCatalog.spec(for: action).mutating else { return true }
        guard let allowList else { return ActionCatalog.defaultAllowed.contains(action) }
        return allowList[action] != nil
    }

    /// Whether the policy covers a target in a namespace with `namespaceLabels` (`nil` for a
    /// cluster-scoped target, which only policies without a namespace selector cover).
    public func covers(namespaceLabels: [String: String]?) -> Bool {
        guard let selector = spec.namespaceSelector, !selector.isEmpty else { return true }
        guard let namespaceLabels else { return false }
        return selector.matches(namespaceLabels)
    }
}
