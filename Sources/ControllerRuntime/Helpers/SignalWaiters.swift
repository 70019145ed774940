import Synchronization

/// Tasks parked until the next signal, without lost wake-ups: a caller reads ``generation``
/// *before* checking its condition and passes it to ``wait(since:)``; any signal sent after that
/// read makes the wait return at once.
final class SignalWaiters: Sendable {
    private struct State: Sendable {
        var generation: UInt64 = 0
        var parked: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextID: UInt64 = 0
        var cancelled: Set<UInt64> = []
    }

    private let state = Mutex(State())

    /// The number of signals sent so far.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Wakes one parked task (or all of them) and makes later waits for an older generation pass.
    func signal(all: Bool = false) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.generation &+= 1
            if all {
                defer { state.parked.removeAll() }
                return Array(state.parked.values)
            }
            guard let id = state.parked.keys.first, let waiter = state.parked.removeValue(forKey: id) else { return [] }
            return [waiter]
        }
        for waiter in woken { waiter.resume() }
    }

    /// Returns after a signal newer than `generation`, or when the calling task is cancelled.
    func wait(since generation: UInt64) async {
        let id = state.withLock { state in
            state.nextID &+= 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let passNow = state.withLock { state in
                    if state.generation != generation || state.cancelled.remove(id) != nil { return true }
                    state.parked[id] = continuation
                    return false
                }
                if passNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                guard let waiter = state.parked.removeValue(forKey: id) else {
                    state.cancelled.insert(id)
                    return CheckedContinuation<Void, Never>?.none
                }
                return waiter
            }
            waiter?.resume()
        }
        state.withLock { _ = $0.cancelled.remove(id) }
    }
}
