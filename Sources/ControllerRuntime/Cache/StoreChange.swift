import KubeTypes

/// One change to a cache, as delivered to event handlers.
public enum StoreChange<Object: KubernetesObject>: Sendable {
    /// The object appeared (first list, or created while watching).
    case added(Object)
    /// The object changed; `old` is what the cache held before.
    case updated(old: Object, new: Object)
    /// The object disappeared (deleted while watching, or missing from a relist).
    case deleted(Object)

    /// The object as it is now (the last known state for a deletion).
    public var object: Object {
        switch self {
        case .added(let object), .deleted(let object): return object
        case .updated(_, let new): return new
        }
    }
}

/// A function applied to every object before a cache stores it, to drop what the operator
/// never reads and so bound the cache's memory.
public struct ObjectTransform<Object: KubernetesObject>: Sendable {
    /// Applies the transform.
    public let apply: @Sendable (Object) -> Object

    /// A transform running `apply`.
    public init(_ apply: @escaping @Sendable (Object) -> Object) {
        self.apply = apply
    }

    /// Keeps objects unchanged.
    public static var identity: ObjectTransform { ObjectTransform { $0 } }

    /// Drops `metadata.managedFields` (server-side apply bookkeeping, often the largest part of
    /// an object) — the usual choice for caches.
    public static var stripManagedFields: ObjectTransform {
        ObjectTransform { object in
            var stripped = object
            stripped.metadata.managedFields = nil
            return stripped
        }
    }

    /// Runs `self`, then `next`.
    public func then(_ next: ObjectTransform) -> ObjectTransform {
        ObjectTransform { next.apply(self.apply($0)) }
    }
}
