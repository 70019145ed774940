import BallastAPI
import ControllerRuntime
import CoreMetrics
import KubeTypes

/// Builds the SafetyPolicy controller: ``SafetyPolicyReconciler`` over the shared caches.
public enum PolicyController {
    /// The controller's name (metrics dimension, log label).
    public static let name = "safetypolicy"

    /// The controller of `env.informers.policies`, which it runs.
    ///
    /// It does not run the RemediationRequest and ActionHistory informers (their controllers
    /// do); it listens to them, and re-reconciles every policy when a request enters or leaves
    /// phase Executing or a history's entries change — the only events that move the counters
    /// and breakers other than time, which the reconciler handles with requeue-after.
    /// - Parameters:
    ///   - workers: policies reconciled at once.
    ///   - counterInterval: the least time between two counter-only status writes of a policy.
    ///   - metricsFactory: where the controller's reconcile and queue metrics go; by default the
    ///     operator's registry (``OperatorMetricsFactory``).
    public static func make(
        env: OperatorEnvironment, workers: Int = 2, counterInterval: Duration = .seconds(1),
        metricsFactory: (any MetricsFactory)? = nil
    ) -> Controller<SafetyPolicy> {
        let reconciler = SafetyPolicyReconciler(env: env, counterInterval: counterInterval)
        let controller = Controller(
            name: name, primary: env.informers.policies, workers: workers,
            metricsFactory: metricsFactory ?? OperatorMetricsFactory(metrics: env.metrics),
            logger: env.logger
        ) { key in
            try await reconciler.reconcile(key)
        }
        let policies = env.informers.policies.store
        let queue = controller.queue
        let enqueueAll: @Sendable () -> Void = {
            for policy in policies.list() { _ = queue.add(ObjectKey(policy.metadata)) }
        }
        env.informers.requests.addHandler { change in
            if change.movesExecutingCount { enqueueAll() }
        }
        env.informers.histories.addHandler { change in
            if change.movesEntries { enqueueAll() }
        }
        return controller
    }
}

extension StoreChange where Object == RemediationRequest {
    /// Whether the change moves a policy's `executing` count: the request entered or left phase
    /// Executing (or appeared or vanished in it).
    var movesExecutingCount: Bool {
        switch self {
        case .added(let request), .deleted(let request): return request.status?.phase == .executing
        case .updated(let old, let new): return (old.status?.phase == .executing) != (new.status?.phase == .executing)
        }
    }
}

extension StoreChange where Object == ActionHistory {
    /// Whether the change can move rate-window counts or breakers: the entries changed.
    var movesEntries: Bool {
        switch self {
        case .added(let history), .deleted(let history): return !(history.status?.entries ?? []).isEmpty
        case .updated(let old, let new): return old.status?.entries != new.status?.entries
        }
    }
}
