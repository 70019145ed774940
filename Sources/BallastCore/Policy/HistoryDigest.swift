import BallastAPI
import Foundation

/// What one ActionHistory contributes to the cluster-wide counts of ``ScopeCounting``: a pure
/// function of the history, a few dates per entry, so a caller can compute it once per stored
/// version of the history and reuse it for every policy check until the history changes.
///
/// Guarantees: ``ScopeCounting`` gives the same counts and failure runs from the digests of a
/// set of histories as from the histories themselves.
public struct HistoryDigest: Sendable, Hashable {
    /// The namespace of the history's target (`nil`: a cluster-scoped target).
    public var namespace: String?
    /// The start times of the entries that may have changed the target (Pending, Succeeded,
    /// Failed), oldest first.
    public var mutatingStarts: [Date]
    /// For every action type with an entry in the history, what a cluster-wide failure run of
    /// that type can take from it.
    public var failureTails: [ActionName: FailureTail]

    /// The digest of `history`.
    public init(_ history: ActionHistory) {
        self.init(namespace: history.spec.target.namespace, entries: history.status?.entries ?? [])
    }

    /// The digest of `entries`, recorded for a target in `namespace`.
    public init(namespace: String?, entries: [ActionEntry]) {
        self.namespace = namespace
        mutatingStarts = entries.filter(\.state.mayHaveMutated).map(\.startedAt).sorted()
        var tails: [ActionName: FailureTail] = [:]
        for entry in entries where entry.state == .succeeded {
            let order = EntryOrder(entry)
            tails[entry.action, default: FailureTail()].newestSuccess = max(tails[entry.action]?.newestSuccess ?? order, order)
        }
        for entry in entries {
            var tail = tails[entry.action, default: FailureTail()]
            let order = EntryOrder(entry)
            if entry.state == .failed, tail.newestSuccess.map({ order > $0 }) ?? true { tail.failures.append(order) }
            if entry.state == .pending { tail.newestPendingAt = max(tail.newestPendingAt ?? entry.startedAt, entry.startedAt) }
            tails[entry.action] = tail
        }
        failureTails = tails
    }
}

/// The entries of one action type in one history that a cluster-wide failure run can count:
/// the newest success, and the failures after it (a failure before its own history's newest
/// success is before the cluster's newest success too), and the newest attempt in flight.
public struct FailureTail: Sendable, Hashable {
    /// The newest `Succeeded` entry's place; `nil` when none succeeded.
    public var newestSuccess: EntryOrder?
    /// The `Failed` entries after ``newestSuccess``, in no particular order.
    public var failures: [EntryOrder] = []
    /// When the newest `Pending` entry started; `nil` when none is pending.
    public var newestPendingAt: Date?

    /// An empty tail.
    public init(newestSuccess: EntryOrder? = nil, failures: [EntryOrder] = [], newestPendingAt: Date? = nil) {
        self.newestSuccess = newestSuccess
        self.failures = failures
        self.newestPendingAt = newestPendingAt
    }
}

/// An entry's place in canonical order (``ActionEntry/canonicalPositions(_:)``): its start,
/// then its actionId.
public struct EntryOrder: Sendable, Hashable, Comparable {
    /// When the entry started.
    public var startedAt: Date
    /// Its actionId, which orders entries that started at the same instant.
    public var actionId: String

    /// The place of `entry`.
    public init(_ entry: ActionEntry) {
        startedAt = entry.startedAt
        actionId = entry.actionId
    }

    public static func < (lhs: EntryOrder, rhs: EntryOrder) -> Bool {
        lhs.startedAt != rhs.startedAt ? lhs.startedAt < rhs.startedAt : lhs.actionId < rhs.actionId
    }
}
