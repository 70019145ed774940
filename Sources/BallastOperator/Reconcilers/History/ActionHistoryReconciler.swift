import BallastAPI
import BallastCore
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Logging

/// Keeps an ActionHistory's status derived from its entries: prunes by retention, runs
/// oscillation detection, and writes `patterns`, `summary`, `flappingAlerts` and the
/// `Oscillating` condition (``HistoryStatus/recompute(_:policyOscillation:now:)``).
///
/// Guarantees:
/// - **No lost entries.** The status is replaced with a PUT carrying the resourceVersion the
///   cache held; an entry appended meanwhile (by the RemediationRequest reconciler) makes it
///   fail with `409 Conflict`, the reconcile throws, and the retry recomputes from the newer
///   object.
/// - **Empty histories wait.** A history with no status yet (its creator's first write is on
///   the way) is not written: that write brings the entries to analyse.
/// - **No hot loop.** Nothing is written when the recomputed status equals the stored one (as
///   both read back from the API server, ``WireForm``), so a converged history sees no writes
///   and no Events.
/// - **Events once.** After a successful write, a Warning `OscillationDetected` per pattern that
///   appeared or escalated (type, severity, evidence, prevention) and a Normal
///   `OscillationCleared` per pattern gone; `ballast_oscillations_detected_total` counts the
///   same detections. A rejected write reports nothing, so a retry cannot report twice.
/// - **Woken by time, not a timer.** It asks to be reconciled again at the next instant the
///   status can change with nothing new recorded (``HistoryWakeUp``), and not at all when there
///   is none.
public struct ActionHistoryReconciler: Sendable {
    /// The Event reason of a newly detected (or escalated) pattern.
    public static let detectedReason = "OscillationDetected"
    /// The Event reason of a pattern no longer detected.
    public static let clearedReason = "OscillationCleared"

    /// The shared client, caches, Events, metrics and clock.
    public var env: OperatorEnvironment
    private let logger: Logger

    /// A reconciler over `env`.
    public init(env: OperatorEnvironment) {
        self.env = env
        var logger = env.logger
        logger[metadataKey: "controller"] = "\(HistoryController.name)"
        self.logger = logger
    }

    /// Reconciles the ActionHistory `key` from the cache.
    /// - Throws: ``KubeError`` when the status write fails (`.conflict` when the history changed
    ///   since it was read); the controller retries with backoff.
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // Scope is the target's namespace: histories of cluster-scoped targets live in the
        // operator's namespace and are always in scope.
        // A history nobody has written yet (just created, its creator's first status write on
        // the way) has nothing to prune, analyse or summarise: left to that write, which the
        // ledger makes in converged form, instead of racing it with a 409 either way.
        guard let history = env.informers.histories.store.get(key), history.status != nil,
            env.scope.contains(history.spec.target.namespace)
        else {
            return .done
        }
        await env.informers.policies.store.waitUntilSynced()
        await env.informers.namespaces.store.waitUntilSynced()
        let oscillation = HistoryAnalysisPolicy.settings(
            policies: env.informers.policies.store.list(), namespace: history.spec.target.namespace,
            namespaceLabels: env.informers.namespaceLabels)
        let now = env.clock()
        let recomputed = HistoryStatus.recompute(history, policyOscillation: oscillation, now: now)
        // The common case is a status the ledger already kept in step: equal as computed, and
        // then equal in wire form too (the stored status is already in it), so the JSON round
        // trip of a history that may hold hundreds of entries is only paid for a real change.
        let status = recomputed == history.status ? recomputed : WireForm.normalized(recomputed)
        if status != history.status {
            var updated = history
            updated.status = status
            let written = try await env.client.updateStatus(updated, .actionHistories)
            await report(PatternTransitions.between(old: history.status?.patterns, new: status.patterns), on: written)
        }
        let wakeUp = HistoryWakeUp.next(
            after: now, status: status, retention: Retention(history.spec.retention),
            thresholds: OscillationThresholds(policy: oscillation, analysis: history.spec.analysis))
        return wakeUp.map { .requeue(after: WakeUpDelay.until($0, from: now)) } ?? .done
    }

    /// Events and metrics for what appeared and cleared.
    private func report(_ transitions: PatternTransitions, on history: ActionHistory) async {
        guard !transitions.isEmpty else { return }
        let reference = ObjectReference(apiVersion: history.apiVersion, kind: history.kind, metadata: history.metadata)
        for detected in transitions.detected {
            let pattern = detected.pattern
            env.metrics.recordOscillation(type: pattern.type, severity: pattern.severity)
            logger.notice("oscillation detected", metadata: [
                "history": "\(ObjectKey(history.metadata))", "type": "\(pattern.type.rawValue)",
                "severity": "\(pattern.severity.rawValue)",
            ])
            await env.events.record(
                .warning, reason: Self.detectedReason, message: HistoryEventText.detected(detected), about: reference)
        }
        for pattern in transitions.cleared {
            await env.events.record(
                .normal, reason: Self.clearedReason, message: HistoryEventText.cleared(pattern), about: reference)
        }
    }
}
