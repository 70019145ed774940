/// `core/v1.Namespace`, metadata only: Ballast reads namespaces for their labels, which
/// SafetyPolicy `namespaceSelector`s match.
public struct Namespace: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta

    /// Creates a namespace.
    public init(metadata: ObjectMeta) {
        self.apiVersion = "v1"
        self.kind = "Namespace"
        self.metadata = metadata
    }
}
