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
/// Thread-safe: all state sits behind one `Mutex`; waiting workers are parked in
/// ``SignalWaiters`` and woken by generation counting, so no wake-up is lost.
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    private let state: Mutex<WorkQueueState<Key>>
    private let waiters = SignalWaiters()

    /// An empty queue.
    public init(configuration: WorkQueueConfiguration = WorkQueueConfiguration()) {
        state = Mutex(WorkQueueState(configuration: configuration))
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
        if state.withLock({ $0.done(key, completion, now: now) }) { waiters.signal() }
    }

    /// Stops handing out keys and wakes every waiting worker; in-flight keys may still finish.
    public func shutDown() {
        state.withLock { $0.shutDown() }
        waiters.signal(all: true)
    }

    /// Whether ``shutDown()`` was called.
    public var isShuttingDown: Bool { state.withLock { $0.isShuttingDown } }

    /// Counts of ready, delayed and in-flight keys.
    public var snapshot: WorkQueueSnapshot { state.withLock { $0.snapshot } }

    /// The failures recorded for `key` since its last success.
    public func failureCount(_ key: Key) -> Int { state.withLock { $0.failureCount(key) } }

    /// Waits for the next key to process; `nil` once the queue shuts down or the calling task
    /// is cancelled. The caller must call ``done(_:_:)`` with the key it receives.
    public func next() async -> Key? {
        while !Task.isCancelled {
            // Read the generation before looking, so a change made meanwhile ends the wait.
            let generation = waiters.generation
            let now = ContinuousClock.now
            let step = state.withLock { $0.next(now: now) }
            switch step {
            case .key(let key): return key
            case .shutDown: return nil
            case .wait(let deadline): await waitForChange(since: generation, orUntil: deadline)
            }
        }
        return nil
    }

    private func mutate(_ body: (inout WorkQueueState<Key>) -> WorkQueueAddOutcome) -> WorkQueueAddOutcome {
        let outcome = state.withLock { body(&$0) }
        if outcome == .queued || outcome == .delayed { waiters.signal() }
        return outcome
    }

    /// Returns after a change to the queue (since `generation`), at `deadline`, or on cancellation.
    private func waitForChange(since generation: UInt64, orUntil deadline: ContinuousClock.Instant?) async {
        await withTaskGroup(of: Void.self) { group in
            if let deadline {
                group.addTask { try? await Task.sleep(until: deadline, clock: .continuous) }
            }
            group.addTask { await self.waiters.wait(since: generation) }
            _ = await group.next()
            group.cancelAll()
        }
    }
}
