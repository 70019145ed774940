import Synchronization

/// Coalesces concurrent work per key: the first caller runs the operation, callers arriving
/// while it runs wait and receive the same value. Nothing is retained after the work ends.
final class SingleFlight<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let waiting = Mutex<[Key: [CheckedContinuation<Value?, Never>]]>([:])

    /// Runs `operation` unless it is already running for `key`; `shared` is `true` for callers
    /// that received another caller's value.
    func run(_ key: Key, _ operation: () async -> Value) async -> (value: Value, shared: Bool) {
        let joined: Value? = await withCheckedContinuation { continuation in
            let isLeader = waiting.withLock { table -> Bool in
                if table[key] != nil {
                    table[key, default: []].append(continuation)
                    return false
                }
                table[key] = []
                return true
            }
            if isLeader { continuation.resume(returning: nil) }
        }
        if let joined { return (joined, true) }
        let value = await operation()
        let followers = waiting.withLock { $0.removeValue(forKey: key) ?? [] }
        for follower in followers { follower.resume(returning: value) }
        return (value, false)
    }
}
