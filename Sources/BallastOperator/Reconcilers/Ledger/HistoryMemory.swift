import BallastAPI
import ControllerRuntime
import KubeTypes
import Synchronization

/// The ActionHistory copies a ``HistoryLedger`` last read or wrote, so its next edit of the
/// same history starts from them instead of reading it again.
///
/// Guarantees: bounded (the oldest-remembered copy goes first), safe to share between the
/// reconciler's workers. A copy may be stale (another writer moved on); the ledger's
/// conditional writes detect that, so remembering never risks a lost update.
final class HistoryMemory: Sendable {
    private let copies: Mutex<BoundedCache<ObjectKey, ActionHistory>>

    /// An empty memory of at most `capacity` histories.
    init(capacity: Int) {
        copies = Mutex(BoundedCache(capacity: capacity))
    }

    /// The copy remembered for `key`, if any.
    func recall(_ key: ObjectKey) -> ActionHistory? {
        copies.withLock { $0[key] }
    }

    /// Remembers `history` as the freshest copy of `key`.
    func remember(_ history: ActionHistory, at key: ObjectKey) {
        copies.withLock { $0[key] = history }
    }

    /// Forgets `key` (its copy turned out stale, or the history is gone).
    func forget(_ key: ObjectKey) {
        copies.withLock { $0[key] = nil }
    }
}
