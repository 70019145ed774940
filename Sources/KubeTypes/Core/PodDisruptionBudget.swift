/// `policy/v1beta1` PodDisruptionBudget (same shape in `policy/v1`; set `apiVersion` to write
/// that one).
public typealias PodDisruptionBudget = ResourceObject<PodDisruptionBudgetKind>

/// `policy/v1beta1` PodDisruptionBudget.
public enum PodDisruptionBudgetKind: ResourceKind {
    public typealias Spec = PodDisruptionBudgetSpec
    public typealias Status = PodDisruptionBudgetStatus
    public static var apiVersion: String { "policy/v1beta1" }
    public static var kind: String { "PodDisruptionBudget" }
    public static var resource: ResourceDescriptor { .podDisruptionBudgets }
}

/// `PodDisruptionBudgetSpec`: one of `minAvailable`/`maxUnavailable`, and the pods.
public struct PodDisruptionBudgetSpec: Codable, Sendable, Hashable {
    public var minAvailable: IntOrString?
    public var maxUnavailable: IntOrString?
    public var selector: LabelSelector?

    /// Creates a spec.
    public init(minAvailable: IntOrString? = nil, maxUnavailable: IntOrString? = nil, selector: LabelSelector? = nil) {
        self.minAvailable = minAvailable
        self.maxUnavailable = maxUnavailable
        self.selector = selector
    }
}

/// `PodDisruptionBudgetStatus`.
public struct PodDisruptionBudgetStatus: Codable, Sendable, Hashable {
    public var observedGeneration: Int64?
    public var disruptionsAllowed: Int32?
    public var currentHealthy: Int32?
    public var desiredHealthy: Int32?
    public var expectedPods: Int32?
    public var conditions: [ResourceCondition]?

    /// Creates an empty status.
    public init() {}
}
