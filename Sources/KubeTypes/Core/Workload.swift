/// The workload controllers (Deployment, StatefulSet, DaemonSet, ReplicaSet) share one read
/// model: the fields the operator reads, each kind setting its own subset. Write workloads with
/// patches, never by PUT of this model.
public protocol WorkloadKind: ResourceKind where Spec == WorkloadSpec, Status == WorkloadStatus {}

/// `apps/v1` Deployment.
public enum DeploymentKind: WorkloadKind {
    public static var apiVersion: String { "apps/v1" }
    public static var kind: String { "Deployment" }
    public static var resource: ResourceDescriptor { .deployments }
}

/// `apps/v1` StatefulSet.
public enum StatefulSetKind: WorkloadKind {
    public static var apiVersion: String { "apps/v1" }
    public static var kind: String { "StatefulSet" }
    public static var resource: ResourceDescriptor { .statefulSets }
}

/// `apps/v1` DaemonSet.
public enum DaemonSetKind: WorkloadKind {
    public static var apiVersion: String { "apps/v1" }
    public static var kind: String { "DaemonSet" }
    public static var resource: ResourceDescriptor { .daemonSets }
}

/// `apps/v1` ReplicaSet.
public enum ReplicaSetKind: WorkloadKind {
    public static var apiVersion: String { "apps/v1" }
    public static var kind: String { "ReplicaSet" }
    public static var resource: ResourceDescriptor { .replicaSets }
}

/// `apps/v1` Deployment.
public typealias Deployment = ResourceObject<DeploymentKind>
/// `apps/v1` StatefulSet.
public typealias StatefulSet = ResourceObject<StatefulSetKind>
/// `apps/v1` DaemonSet.
public typealias DaemonSet = ResourceObject<DaemonSetKind>
/// `apps/v1` ReplicaSet.
public typealias ReplicaSet = ResourceObject<ReplicaSetKind>

/// The spec fields of the four workload kinds (`replicas` is absent on DaemonSets,
/// `strategy` is the Deployment's, `updateStrategy` the StatefulSet's and DaemonSet's).
public struct WorkloadSpec: Codable, Sendable, Hashable {
    public var replicas: Int32?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec?
    public var strategy: UpdateStrategy?
    public var updateStrategy: UpdateStrategy?
    public var serviceName: String?
    public var minReadySeconds: Int32?
    public var revisionHistoryLimit: Int32?
    public var paused: Bool?

    /// Creates a spec.
    public init(replicas: Int32? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec? = nil,
                strategy: UpdateStrategy? = nil, updateStrategy: UpdateStrategy? = nil, serviceName: String? = nil,
                minReadySeconds: Int32? = nil, revisionHistoryLimit: Int32? = nil, paused: Bool? = nil) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.updateStrategy = updateStrategy
        self.serviceName = serviceName
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.paused = paused
    }
}

/// A rollout strategy: `RollingUpdate`/`Recreate` (Deployment), `RollingUpdate`/`OnDelete`
/// (StatefulSet, DaemonSet).
public struct UpdateStrategy: Codable, Sendable, Hashable {
    public var type: String?
    public var rollingUpdate: RollingUpdate?

    /// Creates a strategy.
    public init(type: String? = nil, rollingUpdate: RollingUpdate? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }

    /// Rolling-update parameters (`partition` is the StatefulSet's).
    public struct RollingUpdate: Codable, Sendable, Hashable {
        public var maxSurge: IntOrString?
        public var maxUnavailable: IntOrString?
        public var partition: Int32?

        /// Creates parameters.
        public init(maxSurge: IntOrString? = nil, maxUnavailable: IntOrString? = nil, partition: Int32? = nil) {
            self.maxSurge = maxSurge
            self.maxUnavailable = maxUnavailable
            self.partition = partition
        }
    }
}

/// The status counters of the four workload kinds; each kind sets its own subset
/// (the `number…`/`…NumberScheduled` ones are the DaemonSet's).
public struct WorkloadStatus: Codable, Sendable, Hashable {
    public var observedGeneration: Int64?
    public var replicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var unavailableReplicas: Int32?
    public var updatedReplicas: Int32?
    public var currentReplicas: Int32?
    public var fullyLabeledReplicas: Int32?
    public var currentRevision: String?
    public var updateRevision: String?
    public var desiredNumberScheduled: Int32?
    public var currentNumberScheduled: Int32?
    public var updatedNumberScheduled: Int32?
    public var numberReady: Int32?
    public var numberAvailable: Int32?
    public var numberUnavailable: Int32?
    public var numberMisscheduled: Int32?
    public var conditions: [ResourceCondition]?

    /// Creates an empty status.
    public init() {}
}
