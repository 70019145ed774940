import DequeModule

/// A dictionary holding at most `capacity` entries; inserting a new key into a full cache
/// evicts the oldest-inserted key. Keeps per-object bookkeeping (spam filters, event
/// correlation) bounded no matter how many objects come and go.
struct BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    let capacity: Int
    private var values: [Key: Value] = [:]
    private var order: Deque<Key> = []

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    var count: Int { values.count }

    subscript(key: Key) -> Value? {
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
