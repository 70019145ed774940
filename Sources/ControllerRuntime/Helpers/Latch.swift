import Synchronization

/// A one-way gate: tasks wait until it is opened once, then pass forever after.
///
/// Used for "caches synced" and "shutdown requested". Waiting honours task cancellation: a
/// cancelled waiter returns at once (check `Task.isCancelled` if that matters).
public final class Latch: Sendable {
    private let opened = Atomic<Bool>(false)
    private let waiters = SignalWaiters()

    /// A closed latch.
    public init() {}

    /// Whether ``open()`` has been called.
    public var isOpen: Bool { opened.load(ordering: .acquiring) }

    /// Opens the latch and releases every waiter. Idempotent.
    public func open() {
        opened.store(true, ordering: .releasing)
        waiters.signal(all: true)
    }

    /// Returns once the latch is open, or when the calling task is cancelled.
    public func wait() async {
        let generation = waiters.generation
        guard !isOpen else { return }
        await waiters.wait(since: generation)
    }
}
