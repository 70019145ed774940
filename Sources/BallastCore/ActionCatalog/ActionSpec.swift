import BallastAPI
import KubeTypes

/// How much harm an action can do if it is the wrong one.
public enum RiskLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Reads only; cannot change the cluster.
    case none
    /// Reversible and local (a restart, a pod recreated by its controller).
    case low
    /// Changes capacity or configuration in a reversible way.
    case medium
    /// Hard to reverse or wide in effect (rollbacks, drains, volume growth).
    case high

    /// `none < low < medium < high`.
    public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// One RBAC permission an action needs, shaped like `rbacv1.PolicyRule`; the shipped ClusterRole
/// is generated from the union of these.
public struct RBACRule: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// API groups (`""` is the core group).
    public var apiGroups: [String]
    /// Resources, including subresources such as `pods/eviction`.
    public var resources: [String]
    /// Verbs such as `get`, `patch`, `create`.
    public var verbs: [String]

    /// Creates a rule.
    public init(apiGroups: [String], resources: [String], verbs: [String]) {
        self.apiGroups = apiGroups
        self.resources = resources
        self.verbs = verbs
    }

    /// `group:resources:verbs`, for logs and ordering.
    public var description: String {
        "\(apiGroups.joined(separator: ",")):\(resources.joined(separator: ",")):\(verbs.joined(separator: ","))"
    }

    /// Orders by ``description``.
    public static func < (lhs: RBACRule, rhs: RBACRule) -> Bool { lhs.description < rhs.description }
}

/// Everything Ballast knows about one catalog action: what it acts on, its parameters, the
/// limits a policy may put on it, its risk, and the permissions it needs.
public struct ActionSpec: Sendable, Hashable {
    /// The action.
    public var name: ActionName
    /// Kinds of target the action accepts (`*` for any).
    public var targetKinds: [String]
    /// Whether the action can change the cluster. Emergency stop, cooling-off, oscillation and
    /// circuit breakers only ever deny mutating actions.
    public var mutating: Bool
    /// The action's risk.
    public var risk: RiskLevel
    /// Accepted parameters; anything else is rejected.
    public var parameters: [ParameterSpec]
    /// Limits a policy may set on the action (keys of `spec.actions[].limits`).
    public var limits: [LimitSpec]
    /// Permissions the executor needs.
    public var rbac: [RBACRule]
    /// One sentence for people and for the LLM prompt.
    public var summary: String

    /// Creates a spec.
    public init(
        name: ActionName, targetKinds: [String], mutating: Bool, risk: RiskLevel,
        parameters: [ParameterSpec] = [], limits: [LimitSpec] = [], rbac: [RBACRule], summary: String
    ) {
        self.name = name
        self.targetKinds = targetKinds
        self.mutating = mutating
        self.risk = risk
        self.parameters = parameters
        self.limits = limits
        self.rbac = rbac
        self.summary = summary
    }

    /// Whether the action accepts a target of `kind`.
    public func accepts(kind: String) -> Bool {
        targetKinds.contains("*") || targetKinds.contains(kind)
    }
}
