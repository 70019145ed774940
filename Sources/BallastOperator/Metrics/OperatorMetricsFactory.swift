import CoreMetrics
import Prometheus

/// Routes the swift-metrics calls of the libraries Ballast embeds (ControllerRuntime's
/// controllers, BallastDecision's engine) into the operator's Prometheus registry, under the
/// families defined once in ``MetricFamilies`` — same names, help texts, buckets and label sets
/// as ``BallastMetrics`` uses, so the registry never sees one name defined two ways.
///
/// Known labels (and only their documented dimensions) are exported:
/// - `ballast_reconcile_duration_seconds{controller, result}` (timer),
/// - `ballast_reconcile_overhead_seconds{controller}` (timer),
/// - `ballast_workqueue_depth{controller}` (gauge),
/// - `ballast_circuit_breaker_state{breaker}` (gauge; the engine's LLM breakers as `llm:<provider>`),
/// - `ballast_llm_request_duration_seconds{model}` (timer),
/// - `ballast_llm_requests_total{provider, model, outcome}` (counter),
/// - `ballast_llm_tokens_total{model, kind}` (counter).
/// Everything else is dropped: a metric that is not in the README's reference is not exported.
public struct OperatorMetricsFactory: MetricsFactory {
    private let registry: PrometheusCollectorRegistry

    /// A factory writing into `metrics`' registry.
    public init(metrics: BallastMetrics) {
        registry = metrics.registry
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        switch label {
        case "ballast_llm_requests_total":
            return registry.makeCounter(
                descriptor: MetricFamilies.llmRequests, labels: Self.pick(["provider", "model", "outcome"], from: dimensions))
        case "ballast_llm_tokens_total":
            return registry.makeCounter(descriptor: MetricFamilies.llmTokens, labels: Self.pick(["model", "kind"], from: dimensions))
        default:
            return NOOPMetricsHandler.instance.makeCounter(label: label, dimensions: dimensions)
        }
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        switch (label, aggregate) {
        case ("ballast_workqueue_depth", false):
            return registry.makeGauge(descriptor: MetricFamilies.queueDepth, labels: Self.pick(["controller"], from: dimensions))
        case ("ballast_circuit_breaker_state", false):
            return registry.makeGauge(descriptor: MetricFamilies.breakerState, labels: Self.pick(["breaker"], from: dimensions))
        default:
            return NOOPMetricsHandler.instance.makeRecorder(label: label, dimensions: dimensions, aggregate: aggregate)
        }
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        switch label {
        case "ballast_reconcile_duration_seconds":
            return registry.makeDurationHistogram(
                descriptor: MetricFamilies.reconcileDuration, labels: Self.pick(["controller", "result"], from: dimensions),
                buckets: MetricFamilies.reconcileBuckets)
        case "ballast_reconcile_overhead_seconds":
            return registry.makeDurationHistogram(
                descriptor: MetricFamilies.reconcileOverhead, labels: Self.pick(["controller"], from: dimensions),
                buckets: MetricFamilies.overheadBuckets)
        case "ballast_llm_request_duration_seconds":
            return registry.makeDurationHistogram(
                descriptor: MetricFamilies.llmLatency, labels: Self.pick(["model"], from: dimensions),
                buckets: MetricFamilies.llmLatencyBuckets)
        default:
            return NOOPMetricsHandler.instance.makeTimer(label: label, dimensions: dimensions)
        }
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        NOOPMetricsHandler.instance.makeMeter(label: label, dimensions: dimensions)
    }

    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        NOOPMetricsHandler.instance.makeFloatingPointCounter(label: label, dimensions: dimensions)
    }

    public func destroyCounter(_ handler: any CounterHandler) {}
    public func destroyRecorder(_ handler: any RecorderHandler) {}
    public func destroyTimer(_ handler: any TimerHandler) {}

    /// The values of `names` in `dimensions`, in that order (`""` for a missing one), so every
    /// series of a family has the same label names.
    static func pick(_ names: [String], from dimensions: [(String, String)]) -> [(String, String)] {
        names.map { name in (name, dimensions.last { $0.0 == name }?.1 ?? "") }
    }
}
