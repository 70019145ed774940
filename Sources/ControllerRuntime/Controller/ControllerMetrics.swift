import CoreMetrics

/// The metrics one controller reports, labelled with its name: reconcile duration by result
/// (`ballast_reconcile_duration_seconds{controller, result}`, result `success` or `error`; the
/// error count is that histogram's count) and queue depth (`ballast_workqueue_depth{controller}`).
/// Built from an injected factory; nothing is bootstrapped globally.
struct ControllerMetrics: Sendable {
    /// The timer label of reconcile durations.
    static let reconcileDurationLabel = "ballast_reconcile_duration_seconds"
    /// The gauge label of queue depth.
    static let queueDepthLabel = "ballast_workqueue_depth"

    let succeeded: Timer
    let failed: Timer
    let queueDepth: Gauge

    init(controller: String, factory: any MetricsFactory) {
        let dimensions = [("controller", controller)]
        succeeded = Timer(label: Self.reconcileDurationLabel, dimensions: dimensions + [("result", "success")], factory: factory)
        failed = Timer(label: Self.reconcileDurationLabel, dimensions: dimensions + [("result", "error")], factory: factory)
        queueDepth = Gauge(label: Self.queueDepthLabel, dimensions: dimensions, factory: factory)
    }

    /// The duration timer for a reconcile that `succeeded` or not.
    func reconcileDuration(succeeded: Bool) -> Timer { succeeded ? self.succeeded : failed }
}
