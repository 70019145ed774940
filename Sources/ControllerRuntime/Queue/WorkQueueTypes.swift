/// How a work queue is sized and paced.
public struct WorkQueueConfiguration: Sendable, Hashable {
    /// Per-key backoff after a failed reconcile.
    public var backoff: ExponentialFailureBackoff
    /// Global pacing of retries after failures, shared by all keys.
    public var bucket: TokenBucket
    /// The most keys the queue tracks at once (waiting, delayed or in flight). A new key added
    /// to a full queue is rejected with ``WorkQueueAddOutcome/rejectedFull``; keys already
    /// tracked are never dropped.
    public var capacity: Int

    /// Defaults: 5 ms doubling backoff capped at 1000 s, 10/s burst 100, 100,000 keys.
    public init(
        backoff: ExponentialFailureBackoff = ExponentialFailureBackoff(),
        bucket: TokenBucket = TokenBucket(),
        capacity: Int = 100_000
    ) {
        self.backoff = backoff
        self.bucket = bucket
        self.capacity = max(capacity, 1)
    }
}

/// What happened to a key handed to the queue.
public enum WorkQueueAddOutcome: Sendable, Hashable {
    /// The key will be handed to a worker (now, or once its in-flight run finishes).
    case queued
    /// The key was already pending (or waiting out a failure backoff): nothing new was queued.
    case coalesced
    /// The key is scheduled for later.
    case delayed
    /// The queue is full and the key is new: it was dropped. The next event or relist brings it back.
    case rejectedFull
    /// The queue is shutting down and accepts nothing.
    case shutDown
}

/// How a worker finished with a key.
public enum WorkQueueCompletion: Sendable, Hashable {
    /// Done; the failure count resets.
    case success
    /// Done for now; look again after the delay. The failure count resets, it does not grow.
    case requeue(after: Duration)
    /// Failed: retry after the per-key backoff (or later, if the global bucket is empty).
    case failure
}

/// Counts describing a queue at one instant, for metrics.
public struct WorkQueueSnapshot: Sendable, Hashable {
    /// Keys ready to be handed to a worker.
    public var ready: Int
    /// Keys waiting for a backoff or a requeue delay.
    public var delayed: Int
    /// Keys a worker is processing.
    public var processing: Int
}
