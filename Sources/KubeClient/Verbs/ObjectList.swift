import KubeTypes

/// One page (or all pages) of a `list` call: the objects and the list's metadata.
///
/// `metadata.resourceVersion` is the version to start a watch from; `metadata.continue` is the
/// token of the next page (`nil` on the last page).
public struct ObjectList<Object: KubernetesObject>: Sendable, Decodable {
    public var metadata: ListMeta
    public var items: [Object]

    /// Creates a list from its parts.
    public init(metadata: ListMeta, items: [Object]) {
        self.metadata = metadata
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case metadata, items
    }

    /// Decodes a `…List`; a `null` or missing `items` is an empty list.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        items = try container.decodeIfPresent([Object].self, forKey: .items) ?? []
    }
}
