import DequeModule

/// A dictionary holding at most `capacity` entries; inserting a new key into a full cache
/// evicts the oldest-inserted key. Keeps per-object bookkeeping (spam filters, event
/// correlation) bounded no matter how many objects come and go.
public struct BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The most entries held.
    public let capacity: Int
    private var values: [Key: Value] = [:]
    private var order: Deque<Key> = []

    /// An empty cache holding at most `capacity` (at least one) entries.
    public init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// The entries held.
    public var count: Int { values.count }

    /// The value of `key`; setting `nil` removes it, setting a new key into a full cache evicts
    /// the oldest-inserted one.
    public subscript(key: Key) -> Value? {
        get { values[key] }
        set {
            guard let newValue else {
                if values.removeValue(forKey: key) != nil, let index = order.firstIndex(of: key) {
                    order.remove(at: index)
                }
                return
            }
            if values.updateValue(newValue, forKey: key) == nil {
                order.append(key)
                if order.count > capacity, let oldest = order.popFirst() {
                    values.removeValue(forKey: oldest)
                }
            }
        }
    }
}
