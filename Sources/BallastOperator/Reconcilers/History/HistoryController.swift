import BallastAPI
import ControllerRuntime
import CoreMetrics
import KubeTypes

/// Builds the ActionHistory controller: ``ActionHistoryReconciler`` over the shared caches.
public enum HistoryController {
    /// The controller's name (metrics dimension, log label).
    public static let name = "actionhistory"

    /// The controller of `env.informers.histories`, which it runs.
    ///
    /// It reads, without running them, the SafetyPolicy and Namespace caches (their own
    /// controllers run them; the reconciler waits until they are synced). A change of a policy's
    /// oscillation settings or selectors re-analyses every history, since the settings a history
    /// is analysed under may have changed.
    /// - Parameters:
    ///   - workers: histories reconciled at once.
    ///   - metricsFactory: where the controller's reconcile and queue metrics go; by default the
    ///     operator's registry (``OperatorMetricsFactory``).
    public static func make(
        env: OperatorEnvironment, workers: Int = 2, metricsFactory: (any MetricsFactory)? = nil
    ) -> Controller<ActionHistory> {
        let reconciler = ActionHistoryReconciler(env: env)
        let controller = Controller(
            name: name, primary: env.informers.histories, workers: workers,
            metricsFactory: metricsFactory ?? OperatorMetricsFactory(metrics: env.metrics),
            logger: env.logger
        ) { key in
            try await reconciler.reconcile(key)
        }
        let histories = env.informers.histories.store
        let queue = controller.queue
        env.informers.policies.addHandler { change in
            guard change.changesAnalysis else { return }
            for history in histories.list() { _ = queue.add(ObjectKey(history.metadata)) }
        }
        return controller
    }
}

extension StoreChange where Object == SafetyPolicy {
    /// Whether the change can alter how histories are analysed: a policy appeared or went, or
    /// its oscillation settings or namespace selector changed.
    var changesAnalysis: Bool {
        switch self {
        case .added, .deleted: return true
        case .updated(let old, let new):
            return old.spec.oscillation != new.spec.oscillation || old.spec.namespaceSelector != new.spec.namespaceSelector
        }
    }
}
