import Foundation

/// `core/v1` Pod (read model: the fields the operator reads; write pods with patches).
public typealias Pod = ResourceObject<PodKind>

/// `core/v1` Pod (read model: the fields the operator reads; write pods with patches).
public enum PodKind: ResourceKind {
    public typealias Spec = PodSpec
    public typealias Status = PodStatus
    public static var apiVersion: String { "v1" }
    public static var kind: String { "Pod" }
    public static var resource: ResourceDescriptor { .pods }
}

/// `core/v1.PodStatus`.
public struct PodStatus: Codable, Sendable, Hashable {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    public var phase: String?
    public var reason: String?
    public var message: String?
    public var conditions: [ResourceCondition]?
    public var containerStatuses: [ContainerStatus]?
    public var initContainerStatuses: [ContainerStatus]?
    public var startTime: Date?

    /// Creates a status.
    public init(phase: String? = nil, reason: String? = nil, message: String? = nil,
                conditions: [ResourceCondition]? = nil, containerStatuses: [ContainerStatus]? = nil,
                initContainerStatuses: [ContainerStatus]? = nil, startTime: Date? = nil) {
        self.phase = phase
        self.reason = reason
        self.message = message
        self.conditions = conditions
        self.containerStatuses = containerStatuses
        self.initContainerStatuses = initContainerStatuses
        self.startTime = startTime
    }
}

/// `core/v1.ContainerStatus`: the kubelet's view of one container.
public struct ContainerStatus: Codable, Sendable, Hashable {
    public var name: String
    public var ready: Bool
    public var restartCount: Int32
    public var state: ContainerState?
    public var lastState: ContainerState?
    public var image: String?
    public var started: Bool?

    /// Creates a container status.
    public init(name: String, ready: Bool, restartCount: Int32, state: ContainerState? = nil,
                lastState: ContainerState? = nil, image: String? = nil, started: Bool? = nil) {
        self.name = name
        self.ready = ready
        self.restartCount = restartCount
        self.state = state
        self.lastState = lastState
        self.image = image
        self.started = started
    }
}

/// `core/v1.ContainerState`: at most one of the three is set.
public struct ContainerState: Codable, Sendable, Hashable {
    public var waiting: Waiting?
    public var running: Running?
    public var terminated: Terminated?

    /// Creates a state.
    public init(waiting: Waiting? = nil, running: Running? = nil, terminated: Terminated? = nil) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }

    /// Waiting to start, e.g. `CrashLoopBackOff`, `ImagePullBackOff`.
    public struct Waiting: Codable, Sendable, Hashable {
        public var reason: String?
        public var message: String?

        /// Creates a waiting state.
        public init(reason: String? = nil, message: String? = nil) {
            self.reason = reason
            self.message = message
        }
    }

    /// Running since `startedAt`.
    public struct Running: Codable, Sendable, Hashable {
        public var startedAt: Date?

        /// Creates a running state.
        public init(startedAt: Date? = nil) { self.startedAt = startedAt }
    }

    /// Exited, e.g. with reason `OOMKilled` and exit code 137.
    public struct Terminated: Codable, Sendable, Hashable {
        public var exitCode: Int32
        public var reason: String?
        public var message: String?
        public var startedAt: Date?
        public var finishedAt: Date?

        /// Creates a terminated state.
        public init(exitCode: Int32, reason: String? = nil, message: String? = nil,
                    startedAt: Date? = nil, finishedAt: Date? = nil) {
            self.exitCode = exitCode
            self.reason = reason
            self.message = message
            self.startedAt = startedAt
            self.finishedAt = finishedAt
        }
    }
}
