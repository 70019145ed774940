import BallastAPI
import BallastCore
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Logging
import Synchronization

/// Publishes a SafetyPolicy's status: validity, the emergency stop, the executing count, the
/// actions in the rate window and the circuit breakers (``PolicyStatusComputation``).
///
/// Guarantees:
/// - **Prompt confirmation.** A change of `spec.emergencyStop` is written to
///   `status.emergencyStop` (with `observedGeneration`) in the first reconcile after the cache
///   sees it; only counter-only changes are spaced out (``PolicyStatusWrite``), and while a
///   spaced-out write is not yet due nothing is counted (``counterInterval``).
/// - **No hot loop.** An unchanged status (compared as read back, ``WireForm``) is not
///   written; a write carries the resourceVersion read, and a `409 Conflict` throws so the
///   retry starts from the newer object.
/// - **Events once**, after a successful write (``PolicyTransitions``).
/// - **Gauges** (``PolicyGauges``): the emergency stop and per-action breaker gauges are
///   recomputed from every cached policy on each reconcile (deletions included) and after each
///   write.
/// - **Woken by time**: at the next instant a breaker turns half-open or an action leaves the
///   rate window (``PolicyWakeUp``), never on a fixed timer.
/// - Fails closed on its inputs: it reads the RemediationRequest, ActionHistory and Namespace
///   caches only once they are synced.
public final class SafetyPolicyReconciler: Sendable {
    /// The shared client, caches, Events, metrics and clock.
    public let env: OperatorEnvironment
    /// The least time between two writes that change only the counters.
    public let counterInterval: Duration
    private let lastWrites = Mutex<[String: ContinuousClock.Instant]>([:])
    private let logger: Logger

    /// A reconciler over `env`.
    /// - Parameter counterInterval: see ``PolicyStatusWrite``.
    public init(env: OperatorEnvironment, counterInterval: Duration = .seconds(1)) {
        self.env = env
        self.counterInterval = counterInterval
        var logger = env.logger
        logger[metadataKey: "controller"] = "\(PolicyController.name)"
        self.logger = logger
    }

    /// Reconciles the SafetyPolicy named by `key` from the cache.
    /// - Throws: ``KubeError`` when the status write fails (`.conflict` when the policy changed
    ///   since it was read); the controller retries with backoff.
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let policies = env.informers.policies.store
        PolicyGauges(policies: policies.list(), coversScope: env.coversScope).publish(to: env.metrics)
        guard let policy = policies.get(key), let name = policy.metadata.name else {
            lastWrites.withLock { _ = $0.removeValue(forKey: key.name) }
            return .done
        }
        if let wait = counterWait(for: policy, name: name) { return .requeue(after: wait) }
        await env.informers.requests.store.waitUntilSynced()
        await env.informers.histories.store.waitUntilSynced()
        await env.informers.namespaces.store.waitUntilSynced()
        let now = env.clock()
        let state = ScopeCounting.clusterState(
            policies: [policy], requests: RequestPhaseIndex.executing(of: env.informers.requests.store),
            digests: env.informers.historyDigests(), namespaceLabels: env.informers.namespaceLabels, now: now)
        let counts = state.counts[name] ?? ScopeCounts(executing: 0, executedAt: [])
        let status = WireForm.normalized(
            PolicyStatusComputation.status(of: policy, counts: counts, failures: state.failures, now: now))
        let since = lastWrites.withLock { $0[name] }.map { ContinuousClock.now - $0 }
        var postponed: Duration?
        switch PolicyStatusWrite.decide(old: policy.status, new: status, sinceLastWrite: since, minimumInterval: counterInterval) {
        case .skip:
            break
        case .postpone(let delay):
            postponed = delay
        case .write:
            try await write(status, of: policy, name: name)
        }
        let wakeUp = PolicyWakeUp.next(
            after: now, status: status, executedAt: counts.executedAt, window: EffectivePolicy(policy).rateLimit.per)
        let delays = [postponed, wakeUp.map { WakeUpDelay.until($0, from: now) }].compactMap { $0 }
        return delays.min().map { .requeue(after: $0) } ?? .done
    }

    /// How long to wait before counting again: while the status already answers the current
    /// spec (`observedGeneration`) and the last write is less than ``counterInterval`` old,
    /// only counters can have moved, and they would not be written before the interval ends —
    /// so the scan of every request and history is not made either (in a burst of requests,
    /// each one entering and leaving Executing would otherwise trigger it). `nil`: count now.
    private func counterWait(for policy: SafetyPolicy, name: String) -> Duration? {
        guard policy.status?.observedGeneration == policy.metadata.generation,
            let last = lastWrites.withLock({ $0[name] })
        else { return nil }
        let elapsed = ContinuousClock.now - last
        return elapsed < counterInterval ? counterInterval - elapsed : nil
    }

    /// Writes `status`, then publishes the gauges and records Events for what changed.
    private func write(_ status: SafetyPolicyStatus, of policy: SafetyPolicy, name: String) async throws {
        var updated = policy
        updated.status = status
        let written = try await env.client.updateStatus(updated, .safetyPolicies)
        lastWrites.withLock { $0[name] = ContinuousClock.now }
        PolicyGauges(policies: env.informers.policies.store.list(), statuses: [name: status], coversScope: env.coversScope)
            .publish(to: env.metrics)
        let events = PolicyTransitions.events(from: policy.status, to: status, stop: policy.spec.emergencyStop)
        guard !events.isEmpty else { return }
        let reference = ObjectReference(apiVersion: written.apiVersion, kind: written.kind, metadata: written.metadata)
        for event in events {
            logger.notice("\(event.reason): \(event.message)", metadata: ["policy": "\(name)"])
            await env.events.record(event.type, reason: event.reason, message: event.message, about: reference)
        }
    }
}
