/// `core/v1` Node (read model).
public typealias Node = ResourceObject<NodeKind>

/// `core/v1` Node (read model).
public enum NodeKind: ResourceKind {
    public typealias Spec = NodeSpec
    public typealias Status = NodeStatus
    public static var apiVersion: String { "v1" }
    public static var kind: String { "Node" }
    public static var resource: ResourceDescriptor { .nodes }
}

/// `NodeSpec`: schedulability and taints.
public struct NodeSpec: Codable, Sendable, Hashable {
    public var unschedulable: Bool?
    public var taints: [Taint]?

    /// Creates a spec.
    public init(unschedulable: Bool? = nil, taints: [Taint]? = nil) {
        self.unschedulable = unschedulable
        self.taints = taints
    }
}

/// `Taint`: repels pods that do not tolerate it.
public struct Taint: Codable, Sendable, Hashable {
    public var key: String
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    public var effect: String

    /// Creates a taint.
    public init(key: String, value: String? = nil, effect: String) {
        self.key = key
        self.value = value
        self.effect = effect
    }
}

/// `NodeStatus`: conditions (`Ready`, `MemoryPressure`, …) and capacity.
public struct NodeStatus: Codable, Sendable, Hashable {
    public var conditions: [ResourceCondition]?
    public var capacity: [String: Quantity]?
    public var allocatable: [String: Quantity]?

    /// Creates a status.
    public init(conditions: [ResourceCondition]? = nil, capacity: [String: Quantity]? = nil,
                allocatable: [String: Quantity]? = nil) {
        self.conditions = conditions
        self.capacity = capacity
        self.allocatable = allocatable
    }
}
