import Synchronization

/// A rate-limited, deduplicating work queue shared by a controller's workers.
///
/// Guarantees (see ``WorkQueueState`` for the rules):
/// * a key is pending at most once, and is never handed to two workers at once;
/// * a key added while a worker holds it is handed out again after that worker's ``done(_:_:)``;
/// * failures back off per key (`5ms·2^n`, capped) and globally (token bucket, 10/s burst 100);
///   `requeue(after:)` never inflates the failure count;
/// * the number of tracked keys is bounded by ``WorkQueueConfiguration/capacity``;
/// * after ``shutDown()``, ``next()`` returns `nil` to every worker at once.
///
/// Thread-safe: all state sits behind one `Mutex`; waiting workers are parked on continuations
/// and woken by generation counting, so no wake-up is lost.
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    private struct Shell: Sendable {
        var state: WorkQueueState<Key>
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var cancelledWaiters: Set<UInt64> = []
        var nextWaiterID: UInt64 = 0
        var generation: UInt64 = 0

        /// Records a change and picks the waiters to wake (all of them on shutdown).
        mutating func changed(wakeAll: Bool = false) -> [CheckedContinuation<Void, Never>] {
            generation &+= 1
            if wakeAll {
                defer { waiters.removeAll() }
                return Array(waiters.values)
            }
            guard let id = waiters.keys.first, let waiter = waiters.removeValue(forKey: id) else { return [] }
            return [waiter]
        }
    }

    private let shell: Mutex<Shell>

    /// An empty queue.
    public init(configuration: WorkQueueConfiguration = WorkQueueConfiguration()) {
        shell = Mutex(Shell(state: WorkQueueState(configuration: configuration)))
    }

    /// Marks `key` as needing processing now.
    @discardableResult
    public func add(_ key: Key) -> WorkQueueAddOutcome {
        mutate { $0.add(key) }
    }

    /// Marks `key` as needing processing after `delay` (now when not positive).
    @discardableResult
    public func add(_ key: Key, after delay: Duration) -> WorkQueueAddOutcome {
        let now = ContinuousClock.now
        return mutate { $0.add(key, after: delay, now: now) }
    }

    /// Reports that the worker holding `key` finished, and how.
    public func done(_ key: Key, _ completion: WorkQueueCompletion) {
        let now = ContinuousClock.now
        let woken = shell.withLock { shell -> [CheckedContinuation<Void, Never>] in
            shell.state.done(key, completion, now: now) ? shell.changed() : []
        }
        for waiter in woken { waiter.resume() }
    }

    /// Stops handing out keys and wakes every waiting worker; in-flight keys may still finish.
    public func shutDown() {
        let woken = shell.withLock { shell in
            shell.state.shutDown()
            return shell.changed(wakeAll: true)
        }
        for waiter in woken { waiter.resume() }
    }

    /// Whether ``shutDown()`` was called.
    public var isShuttingDown: Bool { shell.withLock { $0.state.isShuttingDown } }

    /// Counts of ready, delayed and in-flight keys.
    public var snapshot: WorkQueueSnapshot { shell.withLock { $0.state.snapshot } }

    /// The failures recorded for `key` since its last success.
    public func failureCount(_ key: Key) -> Int { shell.withLock { $0.state.failureCount(key) } }

    /// Waits for the next key to process; `nil` once the queue shuts down or the calling task
    /// is cancelled. The caller must call ``done(_:_:)`` with the key it receives.
    public func next() async -> Key? {
        while !Task.isCancelled {
            let now = ContinuousClock.now
            let (step, generation) = shell.withLock { ($0.state.next(now: now), $0.generation) }
            switch step {
            case .key(let key): return key
            case .shutDown: return nil
            case .wait(let deadline): await waitForChange(since: generation, orUntil: deadline)
            }
        }
        return nil
    }

    private func mutate(_ body: (inout WorkQueueState<Key>) -> WorkQueueAddOutcome) -> WorkQueueAddOutcome {
        let (outcome, woken) = shell.withLock { shell in
            let outcome = body(&shell.state)
            let progressed = outcome == .queued || outcome == .delayed
            return (outcome, progressed ? shell.changed() : [])
        }
        for waiter in woken { waiter.resume() }
        return outcome
    }

    /// Returns after a change to the queue (since `generation`), at `deadline`, or on cancellation.
    private func waitForChange(since generation: UInt64, orUntil deadline: ContinuousClock.Instant?) async {
        await withTaskGroup(of: Void.self) { group in
            if let deadline {
                group.addTask { try? await Task.sleep(until: deadline, clock: .continuous) }
            }
            group.addTask { await self.waitForSignal(since: generation) }
            _ = await group.next()
            group.cancelAll()
        }
    }

    private func waitForSignal(since generation: UInt64) async {
        let id = shell.withLock { shell in
            shell.nextWaiterID &+= 1
            return shell.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = shell.withLock { shell in
                    if shell.generation != generation || shell.cancelledWaiters.remove(id) != nil {
                        return true
                    }
                    shell.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = shell.withLock { shell in
                guard let waiter = shell.waiters.removeValue(forKey: id) else {
                    shell.cancelledWaiters.insert(id)
                    return CheckedContinuation<Void, Never>?.none
                }
                return waiter
            }
            waiter?.resume()
        }
        shell.withLock { _ = $0.cancelledWaiters.remove(id) }
    }
}
