import Synchronization

/// What `/readyz` reports, updated by the operator as it starts up. Safe to use from any task.
///
/// Ready means: every informer cache the operator registered has synced and, when leader
/// election is on, this instance knows whether it leads. A follower is ready (it serves probes,
/// metrics and the receiver); an instance still campaigning for the first time is not.
public final class ReadinessState: Sendable {
    /// Whether this instance leads.
    public enum Role: String, Sendable, Hashable {
        /// Not decided yet (the first election attempt has not finished).
        case unknown
        /// This instance holds the lease and runs the reconcilers.
        case leader
        /// Another instance holds the lease.
        case follower
    }

    /// A point-in-time view of the state, and the pure readiness verdict over it.
    public struct Snapshot: Sendable, Hashable {
        /// Caches registered with ``ReadinessState/expectCache(_:)`` and not yet synced.
        public var unsyncedCaches: Set<String>
        /// Whether leader election is on.
        public var leaderElection: Bool
        /// The current role (``Role/leader`` when leader election is off).
        public var role: Role

        /// Why the instance is not ready; empty when it is, sorted for stable output.
        public var problems: [String] {
            var problems = unsyncedCaches.sorted().map { "cache \($0): not synced" }
            if leaderElection && role == .unknown {
                problems.append("leader election: role not known yet")
            }
            return problems
        }

        /// Whether `/readyz` answers 200.
        public var isReady: Bool { problems.isEmpty }
    }

    private let state: Mutex<Snapshot>

    /// Creates the state. With `leaderElection` off the role is ``Role/leader`` from the start.
    public init(leaderElection: Bool) {
        state = Mutex(Snapshot(unsyncedCaches: [], leaderElection: leaderElection, role: leaderElection ? .unknown : .leader))
    }

    /// Registers a cache that must sync before the instance is ready (call before serving probes).
    public func expectCache(_ name: String) {
        state.withLock { _ = $0.unsyncedCaches.insert(name) }
    }

    /// Marks a registered cache as synced.
    public func markCacheSynced(_ name: String) {
        state.withLock { _ = $0.unsyncedCaches.remove(name) }
    }

    /// Records the outcome of leader election.
    public func setRole(_ role: Role) {
        state.withLock { $0.role = role }
    }

    /// The current state.
    public var snapshot: Snapshot {
        state.withLock { $0 }
    }
}
