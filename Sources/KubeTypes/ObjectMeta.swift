import Foundation

/// `metav1.ObjectMeta`: the metadata every persisted Kubernetes object carries.
///
/// `managedFields` (server-side apply bookkeeping, often the largest part of an object) is
/// deliberately **not decoded**: the operator never reads it, and decoding it as free-form JSON
/// made list and watch decoding about ten times slower. Writing a typed object back without it
/// is safe: when a write omits `managedFields`, the API server keeps the stored ones (its field
/// manager falls back to the live object's). Read it through `UnstructuredObject` if needed;
/// a value set here by hand is still encoded.
public struct ObjectMeta: Codable, Sendable, Hashable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: Date?
    public var deletionTimestamp: Date?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?
    public var managedFields: JSONValue?

    public init(
        name: String? = nil, generateName: String? = nil, namespace: String? = nil,
        uid: String? = nil, resourceVersion: String? = nil, generation: Int64? = nil,
        creationTimestamp: Date? = nil, deletionTimestamp: Date? = nil,
        deletionGracePeriodSeconds: Int64? = nil,
        labels: [String: String]? = nil, annotations: [String: String]? = nil,
        ownerReferences: [OwnerReference]? = nil, finalizers: [String]? = nil,
        managedFields: JSONValue? = nil
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
        self.managedFields = managedFields
    }

    private enum CodingKeys: String, CodingKey {
        case name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp
        case deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences
        case finalizers, managedFields
    }

    /// Decodes every field but `managedFields` (see the type's documentation).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        generateName = try container.decodeIfPresent(String.self, forKey: .generateName)
        namespace = try container.decodeIfPresent(String.self, forKey: .namespace)
        uid = try container.decodeIfPresent(String.self, forKey: .uid)
        resourceVersion = try container.decodeIfPresent(String.self, forKey: .resourceVersion)
        generation = try container.decodeIfPresent(Int64.self, forKey: .generation)
        creationTimestamp = try container.decodeIfPresent(Date.self, forKey: .creationTimestamp)
        deletionTimestamp = try container.decodeIfPresent(Date.self, forKey: .deletionTimestamp)
        deletionGracePeriodSeconds = try container.decodeIfPresent(Int64.self, forKey: .deletionGracePeriodSeconds)
        labels = try container.decodeIfPresent([String: String].self, forKey: .labels)
        annotations = try container.decodeIfPresent([String: String].self, forKey: .annotations)
        ownerReferences = try container.decodeIfPresent([OwnerReference].self, forKey: .ownerReferences)
        finalizers = try container.decodeIfPresent([String].self, forKey: .finalizers)
        managedFields = nil
    }

    /// The owner reference marked `controller: true`, if any.
    public var controllerReference: OwnerReference? {
        ownerReferences?.first { $0.controller == true }
    }
}

/// `metav1.OwnerReference`: a link from a dependent object to its owner.
public struct OwnerReference: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(
        apiVersion: String, kind: String, name: String, uid: String,
        controller: Bool? = nil, blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// `metav1.ListMeta`: the metadata of a list response (resourceVersion and paging token).
public struct ListMeta: Codable, Sendable, Hashable {
    public var resourceVersion: String?
    public var `continue`: String?
    public var remainingItemCount: Int64?

    public init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}

/// A Kubernetes object that has metadata: the minimum the client and the caches need.
public protocol KubernetesObject: Codable, Sendable {
    /// The object's metadata.
    var metadata: ObjectMeta { get set }
}

/// A namespaced or cluster-scoped object key, `namespace/name` or `name`, as client-go writes it.
public struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var namespace: String?
    public var name: String

    public init(namespace: String?, name: String) {
        self.namespace = (namespace?.isEmpty ?? true) ? nil : namespace
        self.name = name
    }

    /// Parses `namespace/name` or `name`; `nil` for an empty name or more than one slash.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1 where !parts[0].isEmpty: self.init(namespace: nil, name: String(parts[0]))
        case 2 where !parts[1].isEmpty: self.init(namespace: String(parts[0]), name: String(parts[1]))
        default: return nil
        }
    }

    /// The key of `meta`; an object without a name has the empty name.
    public init(_ meta: ObjectMeta) {
        self.init(namespace: meta.namespace, name: meta.name ?? "")
    }

    public var description: String {
        if let namespace { return "\(namespace)/\(name)" }
        return name
    }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        lhs.description < rhs.description
    }
}
