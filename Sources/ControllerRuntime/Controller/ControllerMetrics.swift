import CoreMetrics

/// The metrics one controller reports, labelled with its name: reconcile duration, reconcile
/// errors and queue depth. Built from an injected factory; nothing is bootstrapped globally.
struct ControllerMetrics: Sendable {
    let reconcileDuration: Timer
    let reconcileErrors: Counter
    let queueDepth: Gauge

    init(controller: String, factory: any MetricsFactory) {
        let dimensions = [("controller", controller)]
        reconcileDuration = Timer(label: "ballast_reconcile_duration", dimensions: dimensions, factory: factory)
        reconcileErrors = Counter(label: "ballast_reconcile_errors_total", dimensions: dimensions, factory: factory)
        queueDepth = Gauge(label: "ballast_workqueue_depth", dimensions: dimensions, factory: factory)
    }
}
