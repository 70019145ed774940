import KubeTypes
import Synchronization

/// A thread-safe, indexed cache of objects of one kind, filled by an informer.
///
/// Readers get value copies and never block writers for long; every mutation (one event or a
/// whole relist) is applied atomically, so a reader sees either the state before or after it.
/// Objects pass through the store's ``ObjectTransform`` before they are kept. The built-in
/// indexes `namespace` and `label` (`key=value`) are always present; more can be added at init.
public final class Store<Object: KubernetesObject>: Sendable {
    private struct State: Sendable {
        var objects: [ObjectKey: Object] = [:]
        var tables: IndexTables<Object>
    }

    private let state: Mutex<State>
    private let synced = Latch()
    private let transform: ObjectTransform<Object>

    /// An empty, unsynced store.
    /// - Parameters:
    ///   - indexes: extra indexes besides `namespace` and `label`.
    ///   - transform: applied to every object before it is stored (e.g. ``ObjectTransform/stripManagedFields``).
    public init(indexes: [StoreIndex<Object>] = [], transform: ObjectTransform<Object> = .identity) {
        let all = [StoreIndex<Object>.namespace, .label] + indexes
        state = Mutex(State(tables: IndexTables(indexes: all)))
        self.transform = transform
    }

    /// A synced store holding `objects` (after the transform), for benchmarks and for callers
    /// that build a cache from a list they made themselves.
    public convenience init(
        preloaded objects: some Sequence<Object>, indexes: [StoreIndex<Object>] = [], transform: ObjectTransform<Object> = .identity
    ) {
        self.init(indexes: indexes, transform: transform)
        _ = replace(with: objects)
    }

    /// The object stored under `key`.
    public func get(_ key: ObjectKey) -> Object? {
        state.withLock { $0.objects[key] }
    }

    /// Every stored object, in no particular order.
    public func list() -> [Object] {
        state.withLock { Array($0.objects.values) }
    }

    /// The number of stored objects.
    public var count: Int { state.withLock { $0.objects.count } }

    /// The stored objects filed under `value` in the index `index` (empty for an unknown index).
    public func byIndex(_ index: String, _ value: String) -> [Object] {
        state.withLock { state in
            (state.tables.keys(index, value) ?? []).compactMap { state.objects[$0] }
        }
    }

    /// The stored objects in `namespace`.
    public func list(namespace: String) -> [Object] {
        byIndex("namespace", namespace)
    }

    /// The stored objects matching `selector`, optionally only in `namespace`. Uses the label
    /// index to narrow the candidates when the selector has `matchLabels`.
    public func list(matching selector: LabelSelector, namespace: String? = nil) -> [Object] {
        let candidates: [Object]
        if let first = (selector.matchLabels ?? [:]).min(by: { $0.key < $1.key }) {
            candidates = byIndex("label", "\(first.key)=\(first.value)")
        } else if let namespace {
            candidates = list(namespace: namespace)
        } else {
            candidates = list()
        }
        return candidates.filter { object in
            (namespace == nil || object.metadata.namespace == namespace)
                && selector.matches(object.metadata.labels ?? [:])
        }
    }

    /// Whether the first complete list has been stored.
    public var hasSynced: Bool { synced.isOpen }

    /// Returns once the first complete list has been stored (immediately if it has), or when
    /// the calling task is cancelled.
    public func waitUntilSynced() async {
        await synced.wait()
    }

    // MARK: Writes (the informer's)

    /// Stores `object` (after the transform). - Returns: the change, `nil` when the stored
    /// object already had this resourceVersion.
    func upsert(_ object: Object) -> StoreChange<Object>? {
        let object = transform.apply(object)
        let key = ObjectKey(object.metadata)
        return state.withLock { state in
            let old = state.objects.updateValue(object, forKey: key)
            state.tables.update(key: key, old: old, new: object)
            guard let old else { return .added(object) }
            if old.metadata.resourceVersion == object.metadata.resourceVersion,
                object.metadata.resourceVersion != nil
            {
                return nil
            }
            return .updated(old: old, new: object)
        }
    }

    /// Removes the object `object` names. - Returns: the change, `nil` if it was not stored.
    func delete(_ object: Object) -> StoreChange<Object>? {
        let key = ObjectKey(object.metadata)
        return state.withLock { state in
            guard let old = state.objects.removeValue(forKey: key) else { return nil }
            state.tables.update(key: key, old: old, new: nil)
            return .deleted(old)
        }
    }

    /// Replaces the whole content with a fresh list (a relist) and marks the store synced.
    /// - Returns: the changes that turn the old content into the new one: additions, updates
    ///   (only where the resourceVersion differs) and deletions of objects missing from `objects`.
    func replace(with objects: some Sequence<Object>) -> [StoreChange<Object>] {
        let fresh = objects.map(transform.apply)
        let changes = state.withLock { state in
            var changes: [StoreChange<Object>] = []
            var seen = Set<ObjectKey>()
            for object in fresh {
                let key = ObjectKey(object.metadata)
                seen.insert(key)
                let old = state.objects.updateValue(object, forKey: key)
                state.tables.update(key: key, old: old, new: object)
                if let old {
                    if old.metadata.resourceVersion != object.metadata.resourceVersion {
                        changes.append(.updated(old: old, new: object))
                    }
                } else {
                    changes.append(.added(object))
                }
            }
            let gone = state.objects.filter { !seen.contains($0.key) }
            for (key, old) in gone {
                state.objects.removeValue(forKey: key)
                state.tables.update(key: key, old: old, new: nil)
                changes.append(.deleted(old))
            }
            return changes
        }
        synced.open()
        return changes
    }
}
