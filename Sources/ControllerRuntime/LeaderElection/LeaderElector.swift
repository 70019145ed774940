import Foundation
import KubeClient
import KubeTypes
import Logging
import Synchronization

/// How a term of leader election ended.
public enum LeadershipOutcome: Sendable, Hashable {
    /// Stopped before ever becoming leader.
    case neverLed
    /// Led, finished its work and released the lease for a successor.
    case released
    /// Led, then could not renew within the renew deadline and stopped acting. The process
    /// should exit, as controller-runtime's does: its caches and queues may be stale.
    case lost
}

/// Contends for a `coordination.k8s.io/v1` Lease and runs work only while holding it.
///
/// Guarantees: the work runs only after this replica acquired the lease; it is cancelled as
/// soon as the lease has not been renewed for `renewDeadline` (before `leaseDuration`, when
/// another replica may take over); after the work finishes normally the lease is released so a
/// successor starts at once. Writes are resourceVersion-guarded, so of two contenders only one
/// wins. Leader election does not fence: guard mutations with resourceVersion preconditions.
public final class LeaderElector: Sendable {
    private struct State: Sendable {
        var observation = LeaseObservation()
        var held: Lease?
        var isLeader = false
    }

    /// Which Lease, which identity, which timings.
    public let configuration: LeaderElectionConfiguration
    private let api: LeaseAPI
    private let state = Mutex(State())
    private let logger: Logger
    private let roleObserver: @Sendable (_ leading: Bool) -> Void

    /// An elector that has not started.
    /// - Parameter roleObserver: called after every acquisition attempt with whether this replica
    ///   leads (so the first call tells a new replica its role), and with `false` when it stops
    ///   leading. Must return quickly.
    public init(
        configuration: LeaderElectionConfiguration, api: LeaseAPI, logger: Logger = Logger(label: "ballast.leader"),
        roleObserver: @escaping @Sendable (_ leading: Bool) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.api = api
        self.roleObserver = roleObserver
        var logger = logger
        logger[metadataKey: "identity"] = "\(configuration.identity)"
        logger[metadataKey: "lease"] = "\(configuration.namespace)/\(configuration.name)"
        self.logger = logger
    }

    /// Whether this replica currently leads.
    public var isLeader: Bool { state.withLock { $0.isLeader } }

    /// Acquires the lease (retrying every `retryPeriod` until `stop` opens), then runs `work`
    /// while renewing. Returns when `work` returns (and the lease is released), when the lease
    /// is lost (and `work` was cancelled), or when `stop` opens before leadership.
    public func run(until stop: Latch, work: @escaping @Sendable () async -> Void) async -> LeadershipOutcome {
        while !(await tryAcquireOrRenew()) {
            roleObserver(false)
            if stop.isOpen || Task.isCancelled { return .neverLed }
            let jitter = Double.random(in: 1...1.2)
            await Self.sleep(for: configuration.retryPeriod * jitter, unlessOpened: stop)
            if stop.isOpen || Task.isCancelled { return .neverLed }
        }
        state.withLock { $0.isLeader = true }
        roleObserver(true)
        logger.info("acquired the lease; leading")
        let outcome = await withTaskGroup(of: LeadershipOutcome?.self) { group in
            group.addTask {
                await work()
                return .released
            }
            group.addTask { await self.renewUntilLost() }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .released
        }
        state.withLock { $0.isLeader = false }
        roleObserver(false)
        if outcome == .lost {
            logger.critical("lost the lease: stopped all controllers")
        } else {
            await release()
        }
        return outcome
    }

    /// Renews every `retryPeriod`; returns `.lost` once the last successful renewal is
    /// `renewDeadline` old, `nil` when cancelled. Each attempt is cut off at the deadline so a
    /// hanging request cannot keep a stale leader acting.
    private func renewUntilLost() async -> LeadershipOutcome? {
        var lastRenewal = ContinuousClock.now
        while true {
            do { try await Task.sleep(for: configuration.retryPeriod) } catch { return nil }
            let deadline = lastRenewal + configuration.renewDeadline
            let renewed = await Self.withDeadline(deadline) { await self.tryAcquireOrRenew() } ?? false
            if Task.isCancelled { return nil }
            let now = ContinuousClock.now
            if renewed {
                lastRenewal = now
            } else if LeaseObservation.mustStepDown(lastRenewal: lastRenewal, now: now, renewDeadline: configuration.renewDeadline) {
                return .lost
            }
        }
    }

    /// One round of client-go's `tryAcquireOrRenew`. - Returns: whether this replica holds the lease now.
    private func tryAcquireOrRenew() async -> Bool {
        let config = configuration
        do {
            let current = try await api.get(config.namespace, config.name)
            let step = state.withLock { state in
                state.observation.observe(current?.spec, now: .now)
                return state.observation.step(
                    identity: config.identity, leaseDuration: config.leaseDuration,
                    leaseDurationSeconds: config.leaseDurationSeconds, now: .now, wallClock: Date())
            }
            let written: Lease
            switch step {
            case .create(let spec):
                written = try await api.create(Lease(metadata: ObjectMeta(name: config.name, namespace: config.namespace), spec: spec))
            case .update(let spec):
                guard var lease = current else { return false }
                lease.spec = spec
                written = try await api.update(lease)
            case .heldByOther(let holder, _):
                logger.debug("lease held by another replica", metadata: ["holder": "\(holder)"])
                return false
            }
            state.withLock { state in
                state.held = written
                state.observation.observe(written.spec, now: .now)
            }
            return true
        } catch {
            logger.notice("could not acquire or renew the lease", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Gives the lease up so a successor can take over at once (best effort).
    private func release() async {
        guard let held = state.withLock({ $0.held }), let spec = held.spec,
            spec.holderIdentity == configuration.identity
        else { return }
        var released = held
        released.spec = LeaseObservation.released(spec, wallClock: Date())
        do {
            _ = try await api.update(released)
            logger.info("released the lease")
        } catch {
            logger.notice("could not release the lease; it will expire", metadata: ["error": "\(error)"])
        }
    }

    /// Runs `body`, giving up (and cancelling it) at `deadline`. - Returns: its result, or `nil` past the deadline.
    static func withDeadline<T: Sendable>(
        _ deadline: ContinuousClock.Instant, _ body: @escaping @Sendable () async -> T
    ) async -> T? {
        await withTaskGroup(of: T?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// Sleeps for `duration`, returning early when `latch` opens or the task is cancelled.
    static func sleep(for duration: Duration, unlessOpened latch: Latch) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: duration) }
            group.addTask { await latch.wait() }
            _ = await group.next()
            group.cancelAll()
        }
    }
}
