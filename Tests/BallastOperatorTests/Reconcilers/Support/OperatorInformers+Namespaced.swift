import BallastOperator
import ControllerRuntime
import KubeClient
import Logging

extension OperatorInformers {
    /// The operator's informers with requests and histories limited to `namespace`, so the
    /// cluster-wide counts a reconciler makes (the built-in defaults' rate limit, executing
    /// counts) never see the objects of suites running in parallel.
    static func namespaced(_ namespace: String, client: KubeClient, logger: Logger) -> OperatorInformers {
        var informers = OperatorInformers(client: client, logger: logger)
        informers.requests = Informer(
            client: client, source: .init(.remediationRequests, namespace: namespace), store: requestStore(), logger: logger)
        informers.histories = Informer(
            client: client, source: .init(.actionHistories, namespace: namespace),
            store: Store(transform: .stripManagedFields), logger: logger)
        return informers
    }
}
