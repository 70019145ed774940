import DequeModule
import Synchronization

/// Runs operations one at a time per key, in the order they arrived; operations on different
/// keys run concurrently.
///
/// Used where several workers of one process write the same object: queueing them here costs
/// nothing, racing them at the API server costs a 409, a re-read and a retry per loser per
/// round — O(n²) round trips for n concurrent writers instead of n.
///
/// Guarantees: mutual exclusion and FIFO order per key; the key's turn passes to the next
/// waiter when an operation returns or throws; nothing is retained for a key nobody holds.
/// Waiting for a turn does not honour task cancellation (the operation itself may): a waiter
/// always gets its turn, so keep operations bounded in time.
public final class KeyedSerializer<Key: Hashable & Sendable>: Sendable {
    /// Per held key, the tasks waiting for their turn (the holder is not in the queue).
    private let waiting = Mutex<[Key: Deque<CheckedContinuation<Void, Never>>]>([:])

    /// A serializer that holds no key.
    public init() {}

    /// Runs `operation` once every operation on `key` that arrived before it has finished.
    /// - Returns: what `operation` returns. - Throws: what `operation` throws.
    public func run<Value, Failure: Error>(
        _ key: Key, _ operation: () async throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        await takeTurn(key)
        defer { passTurn(key) }
        return try await operation()
    }

    /// How many operations wait for `key`'s turn; `nil` when nobody holds it.
    func waiters(on key: Key) -> Int? { waiting.withLock { $0[key]?.count } }

    private func takeTurn(_ key: Key) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let holdsTurn = waiting.withLock { table -> Bool in
                guard table[key] != nil else {
                    table[key] = []
                    return true
                }
                table[key]?.append(continuation)
                return false
            }
            if holdsTurn { continuation.resume() }
        }
    }

    private func passTurn(_ key: Key) {
        let next = waiting.withLock { table -> CheckedContinuation<Void, Never>? in
            guard let first = table[key]?.popFirst() else {
                table[key] = nil
                return nil
            }
            return first
        }
        next?.resume()
    }
}
