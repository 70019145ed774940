import Foundation

/// `autoscaling/v2beta2` HorizontalPodAutoscaler (same shape in `autoscaling/v2`; set
/// `apiVersion` to write that one). Metrics and behavior are kept as raw JSON.
public typealias HorizontalPodAutoscaler = ResourceObject<HorizontalPodAutoscalerKind>

/// `autoscaling/v2beta2` HorizontalPodAutoscaler.
public enum HorizontalPodAutoscalerKind: ResourceKind {
    public typealias Spec = HorizontalPodAutoscalerSpec
    public typealias Status = HorizontalPodAutoscalerStatus
    public static var apiVersion: String { "autoscaling/v2beta2" }
    public static var kind: String { "HorizontalPodAutoscaler" }
    public static var resource: ResourceDescriptor { .horizontalPodAutoscalers }
}

/// `HorizontalPodAutoscalerSpec`.
public struct HorizontalPodAutoscalerSpec: Codable, Sendable, Hashable {
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
public struct HorizontalPodAutoscalerStatus: Codable, Sendable, Hashable {
    public var observedGeneration: Int64?
    public var lastScaleTime: Date?
    public var currentReplicas: Int32?
    public var desiredReplicas: Int32?
    public var currentMetrics: [JSONValue]?
    public var conditions: [ResourceCondition]?

    /// Creates an empty status.
    public init() {}
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
