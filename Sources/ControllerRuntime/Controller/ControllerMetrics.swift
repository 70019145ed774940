import CoreMetrics

/// The metrics one controller reports, labelled with its name: reconcile duration by result
/// (`ballast_reconcile_duration_seconds{controller, result}`, result `success` or `error`; the
/// error count is that histogram's count), the part of each reconcile not spent waiting on the
/// API server (`ballast_reconcile_overhead_seconds{controller}`, see ``APIWaitMeter``) and queue
/// depth (`ballast_workqueue_depth{controller}`).
/// Built from an injected factory; nothing is bootstrapped globally.
struct ControllerMetrics: Sendable {
    /// The timer label of reconcile durations.
    static let reconcileDurationLabel = "ballast_reconcile_duration_seconds"
    /// The timer label of reconcile overhead (duration minus time with an API call in flight).
    static let reconcileOverheadLabel = "ballast_reconcile_overhead_seconds"
    /// The gauge label of queue depth.
    static let queueDepthLabel = "ballast_workqueue_depth"

    let succeeded: Timer
    let failed: Timer
    let overhead: Timer
    let queueDepth: Gauge

    init(controller: String, factory: any MetricsFactory) {
        let dimensions = [("controller", controller)]
        succeeded = Timer(label: Self.reconcileDurationLabel, dimensions: dimensions + [("result", "success")], factory: factory)
        failed = Timer(label: Self.reconcileDurationLabel, dimensions: dimensions + [("result", "error")], factory: factory)
        overhead = Timer(label: Self.reconcileOverheadLabel, dimensions: dimensions, factory: factory)
        queueDepth = Gauge(label: Self.queueDepthLabel, dimensions: dimensions, factory: factory)
    }

    /// The duration timer for a reconcile that `succeeded` or not.
    func reconcileDuration(succeeded: Bool) -> Timer { succeeded ? self.succeeded : failed }
}

extension Duration {
    /// The duration in whole nanoseconds (what a metrics `Timer` records).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
