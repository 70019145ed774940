import BallastAPI
import Foundation
import KubeTypes

/// Bounds an ActionHistory by its `spec.retention`: pure, so the reconciler that writes the
/// pruned status and the policy evaluator that reads it see exactly the same entries.
public struct Retention: Sendable, Hashable {
    /// At most this many entries (and this many alert observations) are kept, newest first.
    public var maxEntries: Int
    /// Entries started, and observations made, before `now − maxAge` are dropped.
    public var maxAge: GoDuration

    /// The effective retention of `settings`, with ``RetentionSettings`` defaults for absent
    /// fields; a negative `maxEntries` counts as zero.
    public init(_ settings: RetentionSettings?) {
        self.maxEntries = max(0, settings?.maxEntries ?? RetentionSettings.defaultMaxEntries)
        self.maxAge = settings?.maxAge ?? RetentionSettings.defaultMaxAge
    }

    /// The entries retention keeps, in canonical order (oldest first, ties by actionId).
    ///
    /// Guarantees: the result does not depend on the input order; every Pending entry is kept
    /// (an action in flight is recorded until its outcome is, whatever its age); the finished
    /// entries kept are the newest that started at or after `now − maxAge`, as many as fit
    /// beside the Pending ones within `maxEntries`. So at most `max(maxEntries, Pending
    /// entries)` are kept.
    public func prune(_ entries: [ActionEntry], now: Date) -> [ActionEntry] {
        keptPositions(entries, now: now).map { entries[$0] }
    }

    /// The positions in `entries` of the entries ``prune(_:now:)`` keeps, in canonical order
    /// (lets callers avoid copying entries).
    public func keptPositions(_ entries: [ActionEntry], now: Date) -> [Int] {
        let cutoff = now.addingTimeInterval(-maxAge.timeInterval)
        let canonical = ActionEntry.canonicalPositions(entries)
        let pending = canonical.filter { entries[$0].state == .pending }
        let finished = canonical.filter { entries[$0].state != .pending && entries[$0].startedAt >= cutoff }
            .suffix(max(0, maxEntries - pending.count))
        guard !pending.isEmpty else { return Array(finished) }
        let kept = Set(pending).union(finished)
        return canonical.filter(kept.contains)
    }

    /// The alert observations retention keeps, oldest first (ties by name, then state).
    public func prune(_ observations: [AlertObservation], now: Date) -> [AlertObservation] {
        let cutoff = now.addingTimeInterval(-maxAge.timeInterval)
        let kept = observations.filter { $0.at >= cutoff }.sorted(by: AlertObservation.canonicalOrder)
        return Array(kept.suffix(maxEntries))
    }
}

extension ActionEntry {
    /// Oldest first; entries started at the same instant are ordered by actionId, so sorting is
    /// deterministic whatever order the entries arrive in.
    public static func canonicalOrder(_ lhs: ActionEntry, _ rhs: ActionEntry) -> Bool {
        if lhs.startedAt != rhs.startedAt { return lhs.startedAt < rhs.startedAt }
        return lhs.actionId < rhs.actionId
    }
}

extension ActionEntry {
    /// The positions of `entries` in canonical order. Sorting positions over plain keys is much
    /// cheaper than moving whole entries (strings, dictionaries) through a sort.
    public static func canonicalPositions(_ entries: [ActionEntry]) -> [Int] {
        let times = entries.map(\.startedAt)
        let ids = entries.map(\.actionId)
        return entries.indices.sorted { lhs, rhs in
            times[lhs] != times[rhs] ? times[lhs] < times[rhs] : ids[lhs] < ids[rhs]
        }
    }
}

extension AlertObservation {
    /// Oldest first; simultaneous observations ordered by name, fingerprint, then state.
    public static func canonicalOrder(_ lhs: AlertObservation, _ rhs: AlertObservation) -> Bool {
        if lhs.at != rhs.at { return lhs.at < rhs.at }
        if lhs.name != rhs.name { return lhs.name < rhs.name }
        if lhs.fingerprint != rhs.fingerprint { return (lhs.fingerprint ?? "") < (rhs.fingerprint ?? "") }
        return lhs.state.rawValue < rhs.state.rawValue
    }
}
