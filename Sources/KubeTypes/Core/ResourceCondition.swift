import Foundation

/// A condition as built-in resources report it (`PodCondition`, `NodeCondition`,
/// `DeploymentCondition`, …): unlike `metav1.Condition`, most fields are optional and the
/// status is a free string (`True`, `False`, `Unknown`).
public struct ResourceCondition: Codable, Sendable, Hashable {
    public var type: String
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastTransitionTime: Date?
    /// Set by Deployments, ReplicaSets and HPAs.
    public var lastUpdateTime: Date?
    /// Set by Nodes.
    public var lastHeartbeatTime: Date?

    /// Creates a condition.
    public init(
        type: String, status: String, reason: String? = nil, message: String? = nil,
        lastTransitionTime: Date? = nil, lastUpdateTime: Date? = nil, lastHeartbeatTime: Date? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.lastUpdateTime = lastUpdateTime
        self.lastHeartbeatTime = lastHeartbeatTime
    }

    /// Whether the status is `True`.
    public var isTrue: Bool { status == "True" }
}

extension Array where Element == ResourceCondition {
    /// The condition of `type`, if present.
    public subscript(type type: String) -> ResourceCondition? {
        first { $0.type == type }
    }
}
