import BallastAPI
import BallastDecision
import ControllerRuntime
import CoreMetrics
import KubeTypes

/// Builds the RemediationRequest controller.
public enum RemediationController {
    /// The controller's name (metrics dimension, log label).
    public static let name = "remediationrequest"

    /// A controller running ``RemediationReconciler`` with `workers` workers.
    ///
    /// Primary: `env.informers.requests` (it runs that informer). It also runs the namespace
    /// informer (for the namespace labels policies select on) and watches the SafetyPolicies:
    /// every change of a policy's spec (or a policy added or deleted) enqueues every
    /// non-terminal request in scope, so Blocked requests resume as soon as an emergency stop is
    /// lifted and waiting ones stop as soon as it is set — the policies' own status writes
    /// (counters, once a second in a burst) wake nobody; and a request leaving Executing wakes
    /// those Blocked by `MaxConcurrent` (``ConcurrencyWakeUp``).
    /// It does not run the ActionHistory or SafetyPolicy informers' writers: the ActionHistory
    /// controller runs the histories informer; the reconciler waits for both caches to sync
    /// before its first reconcile reads them.
    /// - Parameters:
    ///   - workers: requests reconciled at once (one worker per request at a time).
    ///   - metricsFactory: where the controller's reconcile duration and queue depth go.
    public static func make(
        env: OperatorEnvironment, decisionEngine: DecisionEngine, executor: ActionExecutor, settings: RemediationSettings,
        workers: Int, metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance
    ) -> Controller<RemediationRequest> {
        let reconciler = RemediationReconciler(env: env, decisionEngine: decisionEngine, executor: executor, settings: settings)
        if let value = settings.faultPoint.unrecognized {
            reconciler.logger.warning(
                "\(FaultPoint.environmentVariable)=\(value) names no fault point (\(FaultPoint.Point.allCases.map(\.rawValue).joined(separator: ", "))); ignored")
        }
        let controller = Controller(
            name: name, primary: env.informers.requests, workers: workers, metricsFactory: metricsFactory, logger: env.logger
        ) { key in
            try await reconciler.reconcile(key)
        }
        let requests = env.informers.requests.store
        let scope = env.scope
        controller.watchesChanges(env.informers.policies) { change in
            guard change.changesSpec else { return [] }
            return RequestPhaseIndex.unfinished(of: requests).filter { scope.contains($0.metadata.namespace) }
                .map { ObjectKey($0.metadata) }
        }
        controller.watches(env.informers.namespaces) { _ in [] }
        let queue = controller.queue
        env.informers.requests.addHandler { change in
            guard ConcurrencyWakeUp.freesSlot(change) else { return }
            let blocked = RequestPhaseIndex.requests(in: [.blocked], of: requests)
            for key in ConcurrencyWakeUp.blocked(in: blocked, scope: scope) { _ = queue.add(key) }
        }
        return controller
    }
}

extension StoreChange where Object == SafetyPolicy {
    /// Whether the policy's rules may have changed: it was added or deleted, or its spec moved
    /// (`metadata.generation`); a status-only update changes nothing a request obeys.
    var changesSpec: Bool {
        guard case .updated(let old, let new) = self else { return true }
        return old.metadata.generation != new.metadata.generation || old.spec != new.spec
    }
}
