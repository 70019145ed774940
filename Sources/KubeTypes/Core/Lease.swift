/// `coordination.k8s.io/v1` Lease: the lock behind leader election. Complete (every spec
/// field), so a Lease can be written back whole with a resourceVersion precondition.
public typealias Lease = ResourceObject<LeaseKind>

/// `coordination.k8s.io/v1` Lease.
public enum LeaseKind: ResourceKind {
    public typealias Spec = LeaseSpec
    public typealias Status = NoStatus
    public static var apiVersion: String { "coordination.k8s.io/v1" }
    public static var kind: String { "Lease" }
    public static var resource: ResourceDescriptor { .leases }
}

/// `LeaseSpec`.
public struct LeaseSpec: Codable, Sendable, Hashable {
    public var holderIdentity: String?
    public var leaseDurationSeconds: Int32?
    public var acquireTime: MicroTime?
    public var renewTime: MicroTime?
    public var leaseTransitions: Int32?

    /// Creates a spec.
    public init(holderIdentity: String? = nil, leaseDurationSeconds: Int32? = nil, acquireTime: MicroTime? = nil,
                renewTime: MicroTime? = nil, leaseTransitions: Int32? = nil) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }
}
