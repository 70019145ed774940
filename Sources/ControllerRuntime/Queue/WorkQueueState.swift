import DequeModule

/// The work queue as a pure state machine (time is a parameter): client-go's "stingy" queue
/// plus delays and rate limiting.
///
/// * `dirty` holds keys that need processing; `processing` the keys workers hold. A key is
///   never in `ready` twice and never handed to two workers at once: a key added while it is
///   processed stays dirty and goes back to `ready` when its worker calls ``done(_:_:now:)``.
/// * A failure schedules a retry after `max(per-key backoff, global bucket wait)`. Events for a
///   key waiting out a failure backoff are coalesced into that retry instead of bypassing it,
///   so a failing object that keeps changing (often because the failing reconcile writes its
///   status) cannot hot-loop, and its failure count grows once per backoff period only.
/// * `requeue(after:)` resets the failure count and is superseded by an earlier event.
struct WorkQueueState<Key: Hashable & Sendable>: Sendable {
    /// What a worker should do next.
    enum Next: Sendable, Hashable {
        case key(Key)
        /// Nothing is ready; wait for a change, or until the given instant when a delayed key
        /// becomes due.
        case wait(until: ContinuousClock.Instant?)
        case shutDown
    }

    private var ready: Deque<Key> = []
    private var dirty: Set<Key> = []
    private var processing: Set<Key> = []
    private var delayed = DelayedKeys<Key>()
    private var failures: [Key: Int] = [:]
    private var bucket: TokenBucket
    private let backoff: ExponentialFailureBackoff
    private let capacity: Int
    private(set) var isShuttingDown = false
    /// The origin of the token bucket's time axis (the first instant the queue saw a failure).
    private var bucketEpoch: ContinuousClock.Instant?

    init(configuration: WorkQueueConfiguration = WorkQueueConfiguration()) {
        self.bucket = configuration.bucket
        self.backoff = configuration.backoff
        self.capacity = configuration.capacity
    }

    /// Counts for metrics.
    var snapshot: WorkQueueSnapshot {
        WorkQueueSnapshot(ready: ready.count, delayed: delayed.count, processing: processing.count)
    }

    /// The failures recorded for `key` since its last success.
    func failureCount(_ key: Key) -> Int { failures[key, default: 0] }

    private var isFull: Bool {
        dirty.count + processing.count + delayed.count >= capacity
    }

    private func isTracked(_ key: Key) -> Bool {
        dirty.contains(key) || processing.contains(key) || delayed.entry(key) != nil
    }

    /// Marks `key` as needing processing now.
    @discardableResult
    mutating func add(_ key: Key) -> WorkQueueAddOutcome {
        guard !isShuttingDown else { return .shutDown }
        if dirty.contains(key) { return .coalesced }
        if let pending = delayed.entry(key) {
            if pending.reason == .backoff { return .coalesced }
            delayed.remove(key)
        } else if !processing.contains(key), isFull {
            return .rejectedFull
        }
        markDirty(key)
        return .queued
    }

    /// Marks `key` as needing processing once `delay` has passed (immediately when not positive).
    /// A key already pending sooner is left alone.
    @discardableResult
    mutating func add(_ key: Key, after delay: Duration, now: ContinuousClock.Instant) -> WorkQueueAddOutcome {
        guard delay > .zero else { return add(key) }
        guard !isShuttingDown else { return .shutDown }
        let due = now + delay
        if dirty.contains(key) { return .coalesced }
        if let pending = delayed.entry(key), pending.due <= due { return .coalesced }
        if !isTracked(key), isFull { return .rejectedFull }
        delayed.schedule(key, at: due, reason: .requeue)
        return .delayed
    }

    /// Promotes due keys, then hands the oldest ready key to the caller, who must later call
    /// ``done(_:_:now:)`` with it.
    mutating func next(now: ContinuousClock.Instant) -> Next {
        guard !isShuttingDown else { return .shutDown }
        while let due = delayed.popDue(now: now) {
            if !dirty.contains(due) { markDirty(due) }
        }
        guard let key = ready.popFirst() else { return .wait(until: delayed.earliestDue()) }
        dirty.remove(key)
        processing.insert(key)
        return .key(key)
    }

    /// Records how a worker finished `key`. - Returns: whether a key became ready or delayed
    /// (so a waiting worker should look again).
    @discardableResult
    mutating func done(_ key: Key, _ completion: WorkQueueCompletion, now: ContinuousClock.Instant) -> Bool {
        guard processing.remove(key) != nil else { return false }
        switch completion {
        case .success:
            failures.removeValue(forKey: key)
        case .requeue(let delay):
            failures.removeValue(forKey: key)
            if !dirty.contains(key), delay > .zero {
                delayed.schedule(key, at: now + delay, reason: .requeue)
                return true
            }
            dirty.insert(key)
        case .failure:
            let previous = failures[key, default: 0]
            failures[key] = previous + 1
            let epoch = bucketEpoch ?? now
            bucketEpoch = epoch
            let wait = max(backoff.delay(previousFailures: previous), bucket.reserve(at: (now - epoch).seconds))
            // The retry reads the latest state, so it also covers any event seen meanwhile.
            dirty.remove(key)
            delayed.schedule(key, at: now + wait, reason: .backoff)
            return true
        }
        guard dirty.contains(key) else { return false }
        ready.append(key)
        return true
    }

    /// Stops handing out keys; pending keys are dropped (the next leader or run relists them).
    /// Keys in flight may still be reported done.
    mutating func shutDown() {
        isShuttingDown = true
        ready.removeAll()
        dirty.removeAll()
        delayed = DelayedKeys()
    }

    private mutating func markDirty(_ key: Key) {
        dirty.insert(key)
        if !processing.contains(key) { ready.append(key) }
    }
}
