import Foundation

/// A bounded least-recently-used cache of decisions with a time-to-live (default 15 min).
///
/// A value with time as a parameter. Capacity is hard: inserting into a full cache evicts
/// expired entries first, then the least recently used one. Lookups refresh recency but not
/// expiry, so a decision is never served longer than `ttl` after it was made.
public struct DecisionCache: Sendable {
    private struct Entry: Sendable {
        var decision: Decision
        var expires: Date
        var lastUsed: UInt64
    }

    /// Most entries kept.
    public let capacity: Int
    /// How long a decision stays valid.
    public let ttl: Duration
    private var entries: [DecisionCacheKey: Entry] = [:]
    private var tick: UInt64 = 0

    /// Creates an empty cache.
    public init(capacity: Int = 1024, ttl: Duration = .seconds(15 * 60)) {
        self.capacity = max(1, capacity)
        self.ttl = ttl
    }

    /// Entries currently stored (expired ones included until evicted).
    public var count: Int { entries.count }

    /// The decision stored under `key` if it has not expired at `now`.
    public mutating func lookup(_ key: DecisionCacheKey, now: Date) -> Decision? {
        guard var entry = entries[key] else { return nil }
        guard now < entry.expires else {
            entries[key] = nil
            return nil
        }
        tick += 1
        entry.lastUsed = tick
        entries[key] = entry
        return entry.decision
    }

    /// Stores `decision` under `key` at `now`, evicting as needed to stay within capacity.
    public mutating func store(_ decision: Decision, for key: DecisionCacheKey, now: Date) {
        tick += 1
        if entries[key] == nil && entries.count >= capacity {
            entries = entries.filter { now < $0.value.expires }
            if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
                entries[oldest.key] = nil
            }
        }
        entries[key] = Entry(decision: decision, expires: now.addingTimeInterval(ttl.seconds), lastUsed: tick)
    }
}
