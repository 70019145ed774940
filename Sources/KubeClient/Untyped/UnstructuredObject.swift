import KubeTypes

/// Any Kubernetes object as JSON: the untyped path for resources without a model, and the
/// safe way to read-modify-write a built-in without losing fields a typed model lacks.
///
/// `metadata` is decoded into ``ObjectMeta`` (so caches and the client can read names and
/// versions); every other top-level field is kept verbatim in ``content`` and written back
/// unchanged. Metadata fields `ObjectMeta` does not model (`selfLink`, `clusterName`) are
/// dropped, as the API server ignores them on writes.
public struct UnstructuredObject: KubernetesObject, Hashable {
    public var metadata: ObjectMeta
    /// Every top-level field except `metadata` (`apiVersion`, `kind`, `spec`, `status`, …).
    public var content: [String: JSONValue]

    /// Creates an object of `apiVersion`/`kind` with `metadata` and further fields.
    public init(apiVersion: String, kind: String, metadata: ObjectMeta, fields: [String: JSONValue] = [:]) {
        self.metadata = metadata
        var content = fields
        content["apiVersion"] = .string(apiVersion)
        content["kind"] = .string(kind)
        self.content = content
    }

    /// Wraps a JSON object (which must be an object; `metadata` may be absent).
    /// - Throws: a `DecodingError` when `json` is not an object or its metadata is malformed.
    public init(json: JSONValue) throws {
        self = try json.decode(as: UnstructuredObject.self)
    }

    /// `apiVersion`, e.g. `apps/v1`.
    public var apiVersion: String? { content["apiVersion"]?.stringValue }
    /// `kind`, e.g. `Deployment`.
    public var kind: String? { content["kind"]?.stringValue }

    /// A top-level field such as `spec` or `status`.
    public subscript(field: String) -> JSONValue? {
        get { content[field] }
        set { content[field] = newValue }
    }

    /// The whole object as JSON, metadata included.
    public func json() throws -> JSONValue {
        try JSONValue(encoding: self)
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes any JSON object. `metadata` is decoded straight into ``ObjectMeta``, so its
    /// `managedFields` (often the largest part of an object, and never read) are skipped rather
    /// than built as ``JSONValue``s and thrown away.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var metadata = ObjectMeta()
        var content: [String: JSONValue] = [:]
        for key in container.allKeys {
            if key.stringValue == "metadata" {
                metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: key) ?? ObjectMeta()
            } else {
                content[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
            }
        }
        self.metadata = metadata
        self.content = content
    }

    /// Encodes ``content`` with `metadata`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in content where key != "metadata" {
            try container.encode(value, forKey: Key(stringValue: key))
        }
        try container.encode(metadata, forKey: Key(stringValue: "metadata"))
    }
}
