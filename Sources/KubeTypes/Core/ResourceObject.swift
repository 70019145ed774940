/// Describes one kind of Kubernetes object with the usual `spec`/`status` shape: its API
/// version, kind, where it is served and the models of its spec and status.
public protocol ResourceKind: Sendable {
    /// The model of `spec`.
    associatedtype Spec: Codable, Sendable, Hashable
    /// The model of `status` (``NoStatus`` for kinds without one).
    associatedtype Status: Codable, Sendable, Hashable
    /// E.g. `apps/v1`.
    static var apiVersion: String { get }
    /// E.g. `Deployment`.
    static var kind: String { get }
    /// Where the resource is served (the version this model was written against).
    static var resource: ResourceDescriptor { get }
}

/// A Kubernetes object of the common shape `apiVersion`, `kind`, `metadata`, `spec`, `status`,
/// typed by its ``ResourceKind``: ``Pod``, ``Node``, ``Deployment`` and the other core models.
///
/// Unknown fields are ignored on decode. Most models hold only the fields the operator reads,
/// so never write one back with PUT: patch instead (each kind's documentation says when its
/// model is complete).
public struct ResourceObject<Kind: ResourceKind>: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Kind.Spec?
    public var status: Kind.Status?

    /// Creates an object of this kind with `Kind`'s apiVersion.
    public init(metadata: ObjectMeta, spec: Kind.Spec? = nil, status: Kind.Status? = nil) {
        self.apiVersion = Kind.apiVersion
        self.kind = Kind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The status of kinds that have none (e.g. Lease).
public struct NoStatus: Codable, Sendable, Hashable {
    /// Creates the empty status.
    public init() {}
}
