/// `policy/v1beta1.PodDisruptionBudget` (same shape in `policy/v1`).
public struct PodDisruptionBudget: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    /// Creates a budget (`policy/v1beta1` unless `apiVersion` says otherwise).
    public init(metadata: ObjectMeta, spec: Spec? = nil, apiVersion: String = "policy/v1beta1") {
        self.apiVersion = apiVersion
        self.kind = "PodDisruptionBudget"
        self.metadata = metadata
        self.spec = spec
    }

    /// `PodDisruptionBudgetSpec`: one of `minAvailable`/`maxUnavailable`, and the pods.
    public struct Spec: Codable, Sendable, Hashable {
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
    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        public var disruptionsAllowed: Int32?
        public var currentHealthy: Int32?
        public var desiredHealthy: Int32?
        public var expectedPods: Int32?
        public var conditions: [ResourceCondition]?

        /// Creates an empty status.
        public init() {}
    }
}
