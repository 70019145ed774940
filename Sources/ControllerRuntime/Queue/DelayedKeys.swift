/// Keys waiting for a moment in time (backoff retries and `requeue(after:)`), at most one entry
/// per key, ordered by due time in a binary min-heap.
///
/// Rescheduling or removing a key leaves its old heap entry behind; stale entries are
/// recognised by their sequence number and skipped, and the heap is compacted when they
/// outnumber the live ones, so memory stays proportional to the number of waiting keys.
struct DelayedKeys<Key: Hashable & Sendable>: Sendable {
    /// Why a key waits: a failure backoff (which later events must not bypass) or a requested
    /// requeue (which an earlier event supersedes).
    enum Reason: Sendable, Hashable {
        case backoff
        case requeue
    }

    struct Entry: Sendable, Hashable {
        var due: ContinuousClock.Instant
        var reason: Reason
        var sequence: UInt64
    }

    private struct HeapItem: Sendable {
        var due: ContinuousClock.Instant
        var sequence: UInt64
        var key: Key
        func precedes(_ other: HeapItem) -> Bool {
            due == other.due ? sequence < other.sequence : due < other.due
        }
    }

    private var entries: [Key: Entry] = [:]
    private var heap: [HeapItem] = []
    private var sequence: UInt64 = 0

    /// How many keys are waiting.
    var count: Int { entries.count }

    /// The pending entry of `key`, if it waits.
    func entry(_ key: Key) -> Entry? { entries[key] }

    /// Makes `key` due at `due` for `reason`, replacing any earlier entry of that key.
    mutating func schedule(_ key: Key, at due: ContinuousClock.Instant, reason: Reason) {
        sequence &+= 1
        entries[key] = Entry(due: due, reason: reason, sequence: sequence)
        push(HeapItem(due: due, sequence: sequence, key: key))
        if heap.count > 2 * entries.count + 64 { compact() }
    }

    /// Stops `key` from waiting. - Returns: the entry it had.
    @discardableResult
    mutating func remove(_ key: Key) -> Entry? {
        entries.removeValue(forKey: key)
    }

    /// The earliest due time of a waiting key.
    mutating func earliestDue() -> ContinuousClock.Instant? {
        dropStaleTop()
        return heap.first?.due
    }

    /// Removes and returns one key whose due time is at or before `now`, earliest first.
    mutating func popDue(now: ContinuousClock.Instant) -> Key? {
        dropStaleTop()
        guard let top = heap.first, top.due <= now else { return nil }
        popTop()
        entries.removeValue(forKey: top.key)
        return top.key
    }

    private func isLive(_ item: HeapItem) -> Bool {
        entries[item.key]?.sequence == item.sequence
    }

    private mutating func dropStaleTop() {
        while let top = heap.first, !isLive(top) { popTop() }
    }

    private mutating func compact() {
        let live = heap.filter(isLive)
        heap = []
        heap.reserveCapacity(live.count)
        for item in live { push(item) }
    }

    private mutating func push(_ item: HeapItem) {
        heap.append(item)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func popTop() {
        guard !heap.isEmpty else { return }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var first = parent
            if left < heap.count, heap[left].precedes(heap[first]) { first = left }
            if right < heap.count, heap[right].precedes(heap[first]) { first = right }
            guard first != parent else { return }
            heap.swapAt(parent, first)
            parent = first
        }
    }
}
