import BallastAPI
import BallastCore
import KubeTypes
import Synchronization

/// The ``HistoryDigest`` of every ActionHistory in a cache, each recomputed only when its
/// resourceVersion changed since the last call, so a policy check costs a lookup per history
/// instead of a pass over every entry of every history.
///
/// Thread-safe; digests are computed outside the lock. Histories no longer in the cache are
/// forgotten at the next call.
public final class HistoryDigestCache: Sendable {
    private struct Remembered {
        var version: String
        var digest: HistoryDigest
    }

    private let remembered = Mutex<[ObjectKey: Remembered]>([:])

    /// An empty cache.
    public init() {}

    /// The digests of `histories` (in their order).
    public func digests(of histories: [ActionHistory]) -> [HistoryDigest] {
        let known = remembered.withLock { $0 }
        var current: [ObjectKey: Remembered] = [:]
        current.reserveCapacity(histories.count)
        let digests = histories.map { history in
            let key = ObjectKey(history.metadata)
            let version = history.metadata.resourceVersion ?? ""
            if let hit = known[key], hit.version == version, !version.isEmpty {
                current[key] = hit
                return hit.digest
            }
            let digest = HistoryDigest(history)
            current[key] = Remembered(version: version, digest: digest)
            return digest
        }
        remembered.withLock { $0 = current }
        return digests
    }
}
