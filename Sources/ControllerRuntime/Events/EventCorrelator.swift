import Foundation
import KubeTypes

/// How events are aggregated and rate limited. Defaults are client-go's.
public struct EventCorrelatorConfiguration: Sendable, Hashable {
    /// Writes allowed in a burst per source + involved object.
    public var burst: Int
    /// One more write is allowed per source + object every `refillInterval`.
    public var refillInterval: TimeInterval
    /// Similar events (same object and reason, different message) aggregate after this many.
    public var aggregateThreshold: Int
    /// Similar events older than this no longer count towards aggregation.
    public var aggregateWindow: TimeInterval
    /// The most sources, objects and messages remembered (oldest forgotten first).
    public var cacheSize: Int

    /// Defaults: burst 25, one per 300 s, aggregate after 10 similar in 600 s, 4,096 entries.
    public init(
        burst: Int = 25, refillInterval: TimeInterval = 300, aggregateThreshold: Int = 10,
        aggregateWindow: TimeInterval = 600, cacheSize: Int = 4096
    ) {
        self.burst = burst
        self.refillInterval = refillInterval
        self.aggregateThreshold = aggregateThreshold
        self.aggregateWindow = aggregateWindow
        self.cacheSize = cacheSize
    }
}

/// What to write for one recorded event.
public enum EventWrite: Sendable, Hashable {
    /// Create this new Event.
    case create(Event)
    /// An equal Event exists: patch its `count`, `lastTimestamp` and `message`.
    case patch(namespace: String, name: String, count: Int32, lastTimestamp: Date, message: String)
    /// The spam filter dropped it (its count is still remembered for the next write).
    case skip
}

/// client-go's event correlation as a pure value: the aggregator (similar events with different
/// messages collapse into one "combined" event), the logger (repeats of an equal event become a
/// count patch) and the spam filter (a token bucket per source + object), in that order.
public struct EventCorrelator: Sendable {
    private struct Similar: Sendable {
        var messages: Set<String>
        var last: Date
    }

    private struct Observed: Sendable {
        var namespace: String
        var name: String
        var count: Int32
    }

    /// The limits in force.
    public let configuration: EventCorrelatorConfiguration
    private var similar: BoundedCache<String, Similar>
    private var observed: BoundedCache<String, Observed>
    private var spam: BoundedCache<String, TokenBucket>

    /// A correlator that has seen nothing.
    public init(configuration: EventCorrelatorConfiguration = EventCorrelatorConfiguration()) {
        self.configuration = configuration
        similar = BoundedCache(capacity: configuration.cacheSize)
        observed = BoundedCache(capacity: configuration.cacheSize)
        spam = BoundedCache(capacity: configuration.cacheSize)
    }

    /// Decides what to write for `event` recorded at `now`.
    public mutating func correlate(_ event: Event, now: Date) -> EventWrite {
        let (aggregated, key) = aggregate(event, now: now)
        let write = observe(aggregated, key: key, now: now)
        return allow(aggregated, now: now) ? write : .skip
    }

    private static func objectKey(_ event: Event) -> String {
        let object = event.involvedObject
        return [
            event.source?.component, event.source?.host, object.kind, object.namespace, object.name,
            object.uid, object.apiVersion,
        ].map { $0 ?? "" }.joined(separator: "\u{1F}")
    }

    private mutating func aggregate(_ event: Event, now: Date) -> (Event, String) {
        let similarKey = [Self.objectKey(event), event.type ?? "", event.reason ?? ""]
            .joined(separator: "\u{1F}")
        let message = event.message ?? ""
        var record = similar[similarKey] ?? Similar(messages: [], last: now)
        if now.timeIntervalSince(record.last) > configuration.aggregateWindow { record.messages = [] }
        record.messages.insert(message)
        record.last = now
        let reachedThreshold = record.messages.count >= configuration.aggregateThreshold
        if reachedThreshold, let any = record.messages.first { record.messages.remove(any) }
        similar[similarKey] = record
        guard reachedThreshold else { return (event, similarKey + "\u{1F}" + message) }
        var combined = event
        combined.message = "(combined from similar events): \(message)"
        return (combined, similarKey)
    }

    private mutating func observe(_ event: Event, key: String, now: Date) -> EventWrite {
        if var seen = observed[key] {
            seen.count += 1
            observed[key] = seen
            return .patch(
                namespace: seen.namespace, name: seen.name, count: seen.count, lastTimestamp: now,
                message: event.message ?? "")
        }
        observed[key] = Observed(
            namespace: event.metadata.namespace ?? "default", name: event.metadata.name ?? "",
            count: 1)
        var created = event
        created.count = 1
        created.firstTimestamp = now
        created.lastTimestamp = now
        return .create(created)
    }

    private mutating func allow(_ event: Event, now: Date) -> Bool {
        let key = Self.objectKey(event)
        var bucket = spam[key] ?? TokenBucket(
            ratePerSecond: 1 / max(configuration.refillInterval, .leastNonzeroMagnitude),
            burst: configuration.burst)
        let allowed = bucket.take(at: now.timeIntervalSinceReferenceDate)
        spam[key] = bucket
        return allowed
    }
}
