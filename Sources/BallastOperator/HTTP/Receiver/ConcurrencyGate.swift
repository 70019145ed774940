import Synchronization

/// A non-blocking counting gate: at most `limit` holders at once; `enter()` never waits.
final class ConcurrencyGate: Sendable {
    private let limit: Int
    private let holders = Mutex(0)

    /// A gate admitting at most `limit` (at least 1) holders.
    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes a place and returns `true`, or returns `false` at once when all are taken.
    func enter() -> Bool {
        holders.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Gives back a place taken by a successful ``enter()``.
    func leave() {
        holders.withLock { $0 = max(0, $0 - 1) }
    }
}
