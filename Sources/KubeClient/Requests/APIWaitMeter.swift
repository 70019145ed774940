import Synchronization

/// Measures how much of a unit of work (a reconcile) is spent waiting on the API server: the
/// wall time during which at least one call made through ``KubeClient`` by the measured task,
/// or any of its child tasks, is in flight. Calls running concurrently count once, so the
/// work's duration minus ``waited`` is the time it spent on anything else: its own CPU and
/// scheduling, i.e. the overhead the caller adds on top of the API server.
///
/// Installed with ``measure(_:)`` (a task-local); calls made outside it are not counted.
/// Watch streams are not calls and are never counted.
public final class APIWaitMeter: Sendable {
    /// The meter of the current task, if one is measuring.
    @TaskLocal public static var current: APIWaitMeter?

    private struct State {
        var inFlight = 0
        var since: ContinuousClock.Instant?
        var total: Duration = .zero
    }

    private let state = Mutex(State())

    /// A meter with nothing measured.
    public init() {}

    /// The time so far with at least one call in flight (a call still running counts up to now).
    public var waited: Duration {
        state.withLock { state in state.total + (state.since.map { ContinuousClock.now - $0 } ?? .zero) }
    }

    /// Runs `operation` with this meter counting the calls it makes.
    public func measure<Result: Sendable>(_ operation: () async throws -> Result) async throws -> Result {
        try await Self.$current.withValue(self) { try await operation() }
    }

    /// A call started.
    func begin() {
        state.withLock { state in
            if state.inFlight == 0 { state.since = .now }
            state.inFlight += 1
        }
    }

    /// A call ended (answered or failed).
    func end() {
        state.withLock { state in
            state.inFlight -= 1
            guard state.inFlight == 0, let since = state.since else { return }
            state.total += ContinuousClock.now - since
            state.since = nil
        }
    }
}
