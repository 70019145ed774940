/// `core/v1` PersistentVolumeClaim (read model).
public typealias PersistentVolumeClaim = ResourceObject<PersistentVolumeClaimKind>

/// `core/v1` PersistentVolumeClaim.
public enum PersistentVolumeClaimKind: ResourceKind {
    public typealias Spec = PersistentVolumeClaimSpec
    public typealias Status = PersistentVolumeClaimStatus
    public static var apiVersion: String { "v1" }
    public static var kind: String { "PersistentVolumeClaim" }
    public static var resource: ResourceDescriptor { .persistentVolumeClaims }
}

/// `PersistentVolumeClaimSpec`.
public struct PersistentVolumeClaimSpec: Codable, Sendable, Hashable {
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
public struct PersistentVolumeClaimStatus: Codable, Sendable, Hashable {
    public var phase: String?
    public var capacity: [String: Quantity]?
    public var conditions: [ResourceCondition]?

    /// Creates an empty status.
    public init() {}
}
