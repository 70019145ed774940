/// `apiextensions.k8s.io/v1` CustomResourceDefinition (read model: enough to know what a CRD
/// serves and whether it is `Established`). Create CRDs from their full JSON with the untyped
/// path.
public typealias CustomResourceDefinition = ResourceObject<CustomResourceDefinitionKind>

/// `apiextensions.k8s.io/v1` CustomResourceDefinition.
public enum CustomResourceDefinitionKind: ResourceKind {
    public typealias Spec = CustomResourceDefinitionSpec
    public typealias Status = CustomResourceDefinitionStatus
    public static var apiVersion: String { "apiextensions.k8s.io/v1" }
    public static var kind: String { "CustomResourceDefinition" }
    public static var resource: ResourceDescriptor { .customResourceDefinitions }
}

extension ResourceObject where Kind == CustomResourceDefinitionKind {
    /// Whether the API server serves the resource (`Established=True`).
    public var isEstablished: Bool {
        status?.conditions?[type: "Established"]?.isTrue ?? false
    }
}

/// `CustomResourceDefinitionSpec` (without schemas).
public struct CustomResourceDefinitionSpec: Codable, Sendable, Hashable {
    public var group: String
    public var names: CustomResourceDefinitionNames
    /// `Namespaced` or `Cluster`.
    public var scope: String
    public var versions: [CustomResourceDefinitionVersion]

    /// Creates a spec.
    public init(group: String, names: CustomResourceDefinitionNames, scope: String, versions: [CustomResourceDefinitionVersion]) {
        self.group = group
        self.names = names
        self.scope = scope
        self.versions = versions
    }
}

/// `CustomResourceDefinitionNames`.
public struct CustomResourceDefinitionNames: Codable, Sendable, Hashable {
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
public struct CustomResourceDefinitionVersion: Codable, Sendable, Hashable {
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
public struct CustomResourceDefinitionStatus: Codable, Sendable, Hashable {
    public var conditions: [ResourceCondition]?
    public var acceptedNames: CustomResourceDefinitionNames?

    /// Creates an empty status.
    public init() {}
}
