import KubeTypes

/// A named index of a ``Store``: each object is filed under the values its function returns.
public struct StoreIndex<Object: KubernetesObject>: Sendable {
    /// The index's name, used in ``Store/byIndex(_:_:)``.
    public let name: String
    /// The values an object is filed under (none leaves it out of the index).
    public let values: @Sendable (Object) -> [String]

    /// An index named `name` computed by `values`.
    public init(_ name: String, values: @escaping @Sendable (Object) -> [String]) {
        self.name = name
        self.values = values
    }

    /// Objects by namespace (cluster-scoped objects under the empty string).
    public static var namespace: StoreIndex {
        StoreIndex("namespace") { [$0.metadata.namespace ?? ""] }
    }

    /// Objects by each of their labels, as `key=value`.
    public static var label: StoreIndex {
        StoreIndex("label") { object in
            (object.metadata.labels ?? [:]).map { "\($0.key)=\($0.value)" }
        }
    }

    /// Objects by the `namespace/name` of their controller owner (what secondary watches map).
    public static var controllerOwner: StoreIndex {
        StoreIndex("controllerOwner") { object in
            guard let owner = object.metadata.controllerReference else { return [] }
            return [ObjectKey(namespace: object.metadata.namespace, name: owner.name).description]
        }
    }
}

/// The index tables of a store: index name → value → keys. Pure; the store guards it.
struct IndexTables<Object: KubernetesObject>: Sendable {
    private let indexes: [StoreIndex<Object>]
    private var tables: [String: [String: Set<ObjectKey>]] = [:]

    init(indexes: [StoreIndex<Object>]) {
        self.indexes = indexes
    }

    var names: [String] { indexes.map(\.name) }

    func keys(_ index: String, _ value: String) -> Set<ObjectKey>? {
        tables[index]?[value]
    }

    func contains(index: String) -> Bool { indexes.contains { $0.name == index } }

    mutating func update(key: ObjectKey, old: Object?, new: Object?) {
        for index in indexes {
            let oldValues = old.map(index.values) ?? []
            let newValues = new.map(index.values) ?? []
            guard oldValues != newValues else { continue }
            for value in oldValues {
                tables[index.name]?[value]?.remove(key)
                if tables[index.name]?[value]?.isEmpty == true { tables[index.name]?[value] = nil }
            }
            for value in newValues { tables[index.name, default: [:]][value, default: []].insert(key) }
        }
    }
}
