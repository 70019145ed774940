import Foundation

/// `autoscaling/v2beta2.HorizontalPodAutoscaler` (same shape in `autoscaling/v2`). Metrics
/// and behavior are kept as raw JSON.
public struct HorizontalPodAutoscaler: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    /// Creates an HPA (`autoscaling/v2beta2` unless `apiVersion` says otherwise).
    public init(metadata: ObjectMeta, spec: Spec? = nil, status: Status? = nil, apiVersion: String = "autoscaling/v2beta2") {
        self.apiVersion = apiVersion
        self.kind = "HorizontalPodAutoscaler"
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// `HorizontalPodAutoscalerSpec`.
    public struct Spec: Codable, Sendable, Hashable {
        public var scaleTargetRef: CrossVersionObjectReference
        public var minReplicas: Int32?
        public var maxReplicas: Int32
        public var metrics: [JSONValue]?
        public var behavior: JSONValue?

        /// Creates a spec.
        public init(scaleTargetRef: CrossVersionObjectReference, minReplicas: Int32? = nil, maxReplicas: Int32,
                    metrics: [JSONValue]? = nil, behavior: JSONValue? = nil) {
            self.scaleTargetRef = scaleTargetRef
            self.minReplicas = minReplicas
            self.maxReplicas = maxReplicas
            self.metrics = metrics
            self.behavior = behavior
        }
    }

    /// `HorizontalPodAutoscalerStatus`.
    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        public var lastScaleTime: Date?
        public var currentReplicas: Int32?
        public var desiredReplicas: Int32?
        public var currentMetrics: [JSONValue]?
        public var conditions: [ResourceCondition]?

        /// Creates an empty status.
        public init() {}
    }
}

/// `CrossVersionObjectReference`: the workload an HPA scales.
public struct CrossVersionObjectReference: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String
    public var name: String

    /// Creates a reference.
    public init(apiVersion: String? = nil, kind: String, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
    }
}
