/// `core/v1.PersistentVolumeClaim` (read model).
public struct PersistentVolumeClaim: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    /// Creates a claim.
    public init(metadata: ObjectMeta, spec: Spec? = nil, status: Status? = nil) {
        self.apiVersion = "v1"
        self.kind = "PersistentVolumeClaim"
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// `PersistentVolumeClaimSpec`.
    public struct Spec: Codable, Sendable, Hashable {
        public var accessModes: [String]?
        /// `requests.storage` is the requested size.
        public var resources: ResourceRequirements?
        public var storageClassName: String?
        public var volumeName: String?

        /// Creates a spec.
        public init(accessModes: [String]? = nil, resources: ResourceRequirements? = nil,
                    storageClassName: String? = nil, volumeName: String? = nil) {
            self.accessModes = accessModes
            self.resources = resources
            self.storageClassName = storageClassName
            self.volumeName = volumeName
        }
    }

    /// `PersistentVolumeClaimStatus`: `phase` (`Pending`, `Bound`, `Lost`) and the capacity.
    public struct Status: Codable, Sendable, Hashable {
        public var phase: String?
        public var capacity: [String: Quantity]?
        public var conditions: [ResourceCondition]?

        /// Creates an empty status.
        public init() {}
    }
}
