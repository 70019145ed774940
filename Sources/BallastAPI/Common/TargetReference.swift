/// A reference to the Kubernetes object a remediation acts on.
///
/// `namespace` is absent for cluster-scoped targets (nodes); `uid` is filled in by the operator
/// once the target is resolved, so that a deleted and re-created object is not confused with
/// the old one.
public struct TargetReference: Codable, Sendable, Hashable {
    /// `group/version` of the target, e.g. `apps/v1`.
    public var apiVersion: String
    /// The target's kind, e.g. `Deployment`.
    public var kind: String
    /// The target's namespace; `nil` for cluster-scoped objects.
    public var namespace: String?
    /// The target's name.
    public var name: String
    /// The target's UID once resolved.
    public var uid: String?

    /// Creates a reference; an empty namespace is stored as `nil`.
    public init(apiVersion: String, kind: String, namespace: String? = nil, name: String, uid: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = (namespace?.isEmpty ?? true) ? nil : namespace
        self.name = name
        self.uid = uid
    }
}

/// A reference to the RemediationRequest that caused an ActionHistory entry.
public struct RequestReference: Codable, Sendable, Hashable {
    /// The request's name (in the target's namespace, or the operator's for cluster targets).
    public var name: String
    /// The request's UID.
    public var uid: String?

    /// Creates a reference.
    public init(name: String, uid: String? = nil) {
        self.name = name
        self.uid = uid
    }
}
