import Foundation
import KubeTypes

/// The resolved target of a request and what was observed about it, reduced to what a
/// decision needs. Free text in it (event messages, logs, env values) is untrusted.
public struct TargetSummary: Codable, Sendable, Hashable {
    /// `group/version`, e.g. `apps/v1`.
    public var apiVersion: String
    /// The kind, e.g. `Deployment`.
    public var kind: String
    /// The namespace; `nil` for cluster-scoped targets such as nodes.
    public var namespace: String?
    /// The name.
    public var name: String
    /// Desired replicas, when the kind has them.
    public var replicas: Int?
    /// Ready replicas, when known.
    public var readyReplicas: Int?
    /// The pod template's containers with their observed states.
    public var containers: [ContainerSummary]
    /// The HPA that owns the target's scale, if any.
    public var autoscaler: AutoscalerSummary?
    /// The PodDisruptionBudget covering the target's pods, if any.
    public var disruptionBudget: DisruptionBudgetSummary?
    /// Recent Events about the target and its pods, oldest first.
    public var events: [EventSummary]
    /// Recent log tails by container name (bounded before use).
    public var logs: [String: String]
    /// Other observed facts, e.g. `node.ready: "False"` or `pvc.usedPercent: 97`.
    public var facts: [String: JSONValue]

    /// Creates a target summary.
    public init(
        apiVersion: String, kind: String, namespace: String?, name: String, replicas: Int? = nil,
        readyReplicas: Int? = nil, containers: [ContainerSummary] = [],
        autoscaler: AutoscalerSummary? = nil, disruptionBudget: DisruptionBudgetSummary? = nil,
        events: [EventSummary] = [], logs: [String: String] = [:], facts: [String: JSONValue] = [:]
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.containers = containers
        self.autoscaler = autoscaler
        self.disruptionBudget = disruptionBudget
        self.events = events
        self.logs = logs
        self.facts = facts
    }

    /// `Kind namespace/name` (or `Kind name` when cluster-scoped), for prompts and reasons.
    public var displayName: String {
        if let namespace { return "\(kind) \(namespace)/\(name)" }
        return "\(kind) \(name)"
    }
}

/// One container of the target's pod template and what its pods reported.
public struct ContainerSummary: Codable, Sendable, Hashable {
    /// The container name.
    public var name: String
    /// The image.
    public var image: String?
    /// Resource requests, e.g. `["memory": "256Mi"]`.
    public var requests: [String: String]
    /// Resource limits, e.g. `["memory": "512Mi"]`.
    public var limits: [String: String]
    /// Environment variables (values are redacted before leaving the process).
    public var env: [String: String]
    /// Total restarts over the target's pods.
    public var restartCount: Int
    /// Last termination reason, e.g. `OOMKilled`, `Error`.
    public var lastTerminationReason: String?
    /// Current waiting reason, e.g. `CrashLoopBackOff`, `ImagePullBackOff`.
    public var waitingReason: String?

    /// Creates a container summary.
    public init(
        name: String, image: String? = nil, requests: [String: String] = [:],
        limits: [String: String] = [:], env: [String: String] = [:], restartCount: Int = 0,
        lastTerminationReason: String? = nil, waitingReason: String? = nil
    ) {
        self.name = name
        self.image = image
        self.requests = requests
        self.limits = limits
        self.env = env
        self.restartCount = restartCount
        self.lastTerminationReason = lastTerminationReason
        self.waitingReason = waitingReason
    }
}

/// The HorizontalPodAutoscaler that scales the target.
public struct AutoscalerSummary: Codable, Sendable, Hashable {
    /// The HPA's name.
    public var name: String
    /// `spec.minReplicas`.
    public var minReplicas: Int
    /// `spec.maxReplicas`.
    public var maxReplicas: Int
    /// `status.currentReplicas`.
    public var currentReplicas: Int?

    /// Creates an autoscaler summary.
    public init(name: String, minReplicas: Int, maxReplicas: Int, currentReplicas: Int? = nil) {
        self.name = name
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.currentReplicas = currentReplicas
    }
}

/// The PodDisruptionBudget covering the target's pods.
public struct DisruptionBudgetSummary: Codable, Sendable, Hashable {
    /// The PDB's name.
    public var name: String
    /// `status.disruptionsAllowed`.
    public var disruptionsAllowed: Int

    /// Creates a PDB summary.
    public init(name: String, disruptionsAllowed: Int) {
        self.name = name
        self.disruptionsAllowed = disruptionsAllowed
    }
}

/// One Kubernetes Event, reduced.
public struct EventSummary: Codable, Sendable, Hashable {
    /// `Normal` or `Warning`.
    public var type: String
    /// The CamelCase reason, e.g. `BackOff`.
    public var reason: String
    /// The message (untrusted text).
    public var message: String
    /// How many times it happened.
    public var count: Int
    /// The involved object, e.g. `Pod web-7d9-abcde`.
    public var object: String?

    /// Creates an event summary.
    public init(type: String = "Warning", reason: String, message: String, count: Int = 1, object: String? = nil) {
        self.type = type
        self.reason = reason
        self.message = message
        self.count = count
        self.object = object
    }
}
