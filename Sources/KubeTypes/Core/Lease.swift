/// `coordination.k8s.io/v1.Lease`: the lock behind leader election.
///
/// Complete (every spec field), so a Lease can be written back whole with a resourceVersion
/// precondition.
public struct Lease: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec?

    /// Creates a lease.
    public init(metadata: ObjectMeta, spec: Spec? = nil) {
        self.apiVersion = "coordination.k8s.io/v1"
        self.kind = "Lease"
        self.metadata = metadata
        self.spec = spec
    }

    /// `LeaseSpec`.
    public struct Spec: Codable, Sendable, Hashable {
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
}
