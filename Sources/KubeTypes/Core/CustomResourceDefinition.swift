/// `apiextensions.k8s.io/v1.CustomResourceDefinition` (read model: enough to know what a CRD
/// serves and whether it is `Established`). Create CRDs from their full JSON/YAML with the
/// untyped path.
public struct CustomResourceDefinition: KubernetesObject, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    /// Creates a definition header.
    public init(metadata: ObjectMeta, spec: Spec? = nil) {
        self.apiVersion = "apiextensions.k8s.io/v1"
        self.kind = "CustomResourceDefinition"
        self.metadata = metadata
        self.spec = spec
    }

    /// Whether the API server serves the resource (`Established=True`).
    public var isEstablished: Bool {
        status?.conditions?[type: "Established"]?.isTrue ?? false
    }

    /// `CustomResourceDefinitionSpec` (without schemas).
    public struct Spec: Codable, Sendable, Hashable {
        public var group: String
        public var names: Names
        /// `Namespaced` or `Cluster`.
        public var scope: String
        public var versions: [Version]

        /// Creates a spec.
        public init(group: String, names: Names, scope: String, versions: [Version]) {
            self.group = group
            self.names = names
            self.scope = scope
            self.versions = versions
        }
    }

    /// `CustomResourceDefinitionNames`.
    public struct Names: Codable, Sendable, Hashable {
        public var plural: String
        public var singular: String?
        public var kind: String
        public var listKind: String?
        public var shortNames: [String]?

        /// Creates names.
        public init(plural: String, singular: String? = nil, kind: String, listKind: String? = nil, shortNames: [String]? = nil) {
            self.plural = plural
            self.singular = singular
            self.kind = kind
            self.listKind = listKind
            self.shortNames = shortNames
        }
    }

    /// One served version (schema and subresources not modelled).
    public struct Version: Codable, Sendable, Hashable {
        public var name: String
        public var served: Bool
        public var storage: Bool

        /// Creates a version.
        public init(name: String, served: Bool, storage: Bool) {
            self.name = name
            self.served = served
            self.storage = storage
        }
    }

    /// `CustomResourceDefinitionStatus`.
    public struct Status: Codable, Sendable, Hashable {
        public var conditions: [ResourceCondition]?
        public var acceptedNames: Names?

        /// Creates an empty status.
        public init() {}
    }
}
