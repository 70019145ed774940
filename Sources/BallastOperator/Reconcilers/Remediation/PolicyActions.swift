import BallastAPI
import BallastCore
import BallastDecision
import KubeTypes

/// What the SafetyPolicies covering a target allow, as the decision engine and the executor
/// need it. Pure.
///
/// Guarantees: an action is allowed only when *every* covering policy allows it (the built-in
/// defaults when none covers) and the request's `spec.allowedActions` lists it; read-only
/// actions (`collect_diagnostics`, `notify_only`, `escalate`) are always allowed. Limits are the
/// strictest over the covering policies: the smallest maximum, step and object count, the
/// largest minimum — so the executor never acts within one policy's limits but beyond another's.
public enum PolicyActions {
    /// The covering policies, or the built-in defaults when none covers (as the evaluator does).
    public static func covering(_ policies: [SafetyPolicy], namespaceLabels: [String: String]?) -> [EffectivePolicy] {
        let covering = PolicyEvaluator.covering(policies, namespaceLabels: namespaceLabels)
        return covering.isEmpty ? [EffectivePolicy(PolicyDefaults.policy)] : covering
    }

    /// The actions a decision may choose, in catalog order, each with its strictest limits.
    public static func allowed(by policies: [EffectivePolicy], requested: [ActionName]?) -> [AllowedAction] {
        ActionName.allCases.filter { action in
            let readOnly = !ActionCatalog.spec(for: action).mutating
            let requestAllows = readOnly || requested.map { $0.contains(action) } ?? true
            return requestAllows && policies.allSatisfy { $0.allows(action) }
        }.map { AllowedAction(name: $0.rawValue, limits: limits(for: $0, policies: policies)) }
    }

    /// The strictest limits the `policies` put on `action`.
    public static func limits(for action: ActionName, policies: [EffectivePolicy]) -> [String: JSONValue] {
        let specs = Dictionary(ActionCatalog.spec(for: action).limits.map { ($0.name, $0) }) { first, _ in first }
        var merged: [String: JSONValue] = [:]
        for policy in policies {
            for (key, value) in policy.allowList?[action]?.limits ?? [:] {
                guard let current = merged[key] else {
                    merged[key] = value
                    continue
                }
                let keepLarger = specs[key].map { if case .minimum = $0.kind { true } else { false } } ?? false
                merged[key] = stricter(current, value, keepLarger: keepLarger)
            }
        }
        return merged
    }

    /// The stricter of two limit values: numbers and quantities compare by value; values that
    /// do not compare keep the first (the evaluator denies invalid limits anyway).
    static func stricter(_ first: JSONValue, _ second: JSONValue, keepLarger: Bool) -> JSONValue {
        guard let a = magnitude(first), let b = magnitude(second) else { return first }
        return (keepLarger ? b > a : b < a) ? second : first
    }

    /// A comparable magnitude: the number itself, or a quantity's milli-value.
    private static func magnitude(_ value: JSONValue) -> Double? {
        if let number = value.doubleValue { return number }
        guard let text = value.stringValue, let quantity = try? Quantity(parsing: text) else { return nil }
        return Double(quantity.milliValue) / 1000
    }
}
