import BallastAPI
import BallastDecision
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Logging

/// Reconciles one RemediationRequest: reads it from the cache, then runs the pure
/// ``RemediationLifecycle`` and performs each effect it orders, in order, stopping at the first
/// failure (the reconcile throws, the controller backs off and replays from the stored state;
/// every effect is idempotent).
///
/// Guarantees, on top of the lifecycle's:
/// - **Conditional status writes**: every status write is a PUT of `/status` with the
///   resourceVersion this reconcile read (or last wrote); a 409 means someone moved on, and the
///   next reconcile replays from fresh state. A status equal to the stored one is never written,
///   so a converged request sees no writes.
/// - **Emergency stop wins**: the stop is looked up in the SafetyPolicy cache before every
///   lifecycle step and once more just before the executor is called; under a stop nothing new
///   is executed.
/// - **Live where it matters**: the target and the ActionHistory entry of the current actionId
///   are read from the API server, never from a cache that may not hold our own last write yet;
///   the history the policy check reads is the ledger's own last write when the cache confirms
///   it is still the newest version, else read live too.
/// - **Deletion never orphans an intent**: a finalizer (``RemediationSettings/finalizer``) keeps
///   a request until its Pending ActionHistory entry is completed (see ``DeletionSettlement``);
///   it is removed once the request is finished.
public struct RemediationReconciler: Sendable {
    /// The shared caches, client, Events, metrics and clock.
    public let env: OperatorEnvironment
    /// Decides alert-driven requests.
    public let decisionEngine: DecisionEngine
    /// Runs the actions.
    public let executor: ActionExecutor
    /// Writes ActionHistories.
    public let ledger: HistoryLedger
    /// Reads targets.
    public let targets: TargetReader
    /// Tunables.
    public let settings: RemediationSettings
    let logger: Logger

    /// Creates a reconciler; the ledger and the target reader use `env.client`.
    public init(env: OperatorEnvironment, decisionEngine: DecisionEngine, executor: ActionExecutor, settings: RemediationSettings) {
        self.env = env
        self.decisionEngine = decisionEngine
        self.executor = executor
        self.settings = settings
        var logger = env.logger
        logger[metadataKey: "controller"] = "\(RemediationController.name)"
        self.logger = logger
        let histories = env.informers.histories.store
        ledger = HistoryLedger(
            client: env.client, operatorNamespace: settings.operatorNamespace, fieldManager: settings.fieldManager, logger: logger,
            cached: { histories.get($0) })
        targets = TargetReader(client: env.client)
    }

    /// Reconciles the request `key`: skips it when it is gone or outside the scope, settles it
    /// when it is being deleted, releases the finalizer of a finished one, and otherwise drives
    /// the lifecycle until it asks for nothing more in this reconcile.
    /// - Returns: `.requeue(after:)` when the lifecycle asked to look again later.
    /// - Throws: the first failed effect (``KubeError``), or ``RemediationReconcileError``.
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard env.scope.contains(key.namespace), let request = env.informers.requests.store.get(key) else { return .done }
        if request.metadata.deletionTimestamp != nil { return try await settleDeletion(request) }
        if request.status?.phase?.isTerminal == true {
            try await releaseFinalizer(request)
            return .done
        }
        await env.informers.policies.store.waitUntilSynced()
        await env.informers.histories.store.waitUntilSynced()
        return try await drive(request)
    }

    /// The lifecycle's clock: whole seconds, as Kubernetes' `metav1.Time` keeps them, so a
    /// time written and read back compares equal.
    var now: Date { Date(timeIntervalSince1970: env.clock().timeIntervalSince1970.rounded(.down)) }

    /// Log metadata naming the request, its phase and its current actionId.
    func metadata(_ request: RemediationRequest) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "request": "\(ObjectKey(request.metadata))", "phase": "\(request.status?.phase?.rawValue ?? "Pending")",
        ]
        if let actionId = request.status?.execution?.actionId { metadata["actionId"] = "\(actionId)" }
        return metadata
    }
}

/// A reconcile that could not finish for a reason other than an API error.
public enum RemediationReconcileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The lifecycle kept asking for observations past the step limit.
    case didNotSettle(request: String, steps: Int, phase: String)
    /// An effect needed the resolved target, but the status holds none.
    case noTarget(request: String, effect: String)

    public var description: String {
        switch self {
        case .didNotSettle(let request, let steps, let phase):
            "RemediationRequest \(request): the lifecycle did not settle within \(steps) steps (phase \(phase))"
        case .noTarget(let request, let effect):
            "RemediationRequest \(request): \(effect) needs status.target, which is not set"
        }
    }
}
