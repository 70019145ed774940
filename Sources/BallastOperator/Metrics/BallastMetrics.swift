import BallastAPI
import Prometheus

/// The operator's Prometheus metrics: one recording method per family of ``MetricFamilies``.
///
/// The registry is injected (no global `MetricsSystem` bootstrap here): `main` creates one
/// `PrometheusCollectorRegistry`, passes it in, and `/metrics` renders the same registry.
/// Label values come from closed enums wherever the API has one, so cardinality stays bounded;
/// free-form values (model, controller, breaker names) come from configuration, not from alerts.
/// Safe to use from any task.
public struct BallastMetrics: Sendable {
    /// The registry every family is recorded in.
    public let registry: PrometheusCollectorRegistry

    /// Label value used when a dimension does not apply (e.g. no action was chosen).
    public static let none = "none"

    /// Creates the metrics over `registry` and registers the unlabeled gauges at 0, so they are
    /// exported before anything is recorded.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        setEmergencyStop(active: false)
    }

    /// A request reached a final phase: `ballast_remediations_total{phase, action, outcome}`.
    public func recordRemediation(phase: RemediationPhase, action: ActionName?, outcome: ExecutionResult?) {
        registry.makeCounter(descriptor: MetricFamilies.remediations, labels: [
            ("phase", phase.rawValue), ("action", action?.rawValue ?? Self.none),
            ("outcome", outcome?.rawValue ?? Self.none),
        ]).increment()
    }

    /// A decision was made: `ballast_decisions_total{source, model}`.
    public func recordDecision(source: DecisionSource, model: String?) {
        registry.makeCounter(descriptor: MetricFamilies.decisions, labels: [
            ("source", source.rawValue), ("model", model ?? Self.none),
        ]).increment()
    }

    /// A policy check did not allow an action: `ballast_policy_denials_total{reason}`, once per reason.
    public func recordPolicyDenial(reasons: [PolicyReasonCode]) {
        for reason in reasons {
            registry.makeCounter(descriptor: MetricFamilies.policyDenials, labels: [("reason", reason.rawValue)])
                .increment()
        }
    }

    /// A harmful pattern was detected: `ballast_oscillations_detected_total{type, severity}`.
    public func recordOscillation(type: PatternType, severity: PatternSeverity) {
        registry.makeCounter(descriptor: MetricFamilies.oscillations, labels: [
            ("type", type.rawValue), ("severity", severity.rawValue),
        ]).increment()
    }

    /// Whether an emergency stop is in force anywhere: `ballast_emergency_stop_active` (0 or 1).
    public func setEmergencyStop(active: Bool) {
        registry.makeGauge(descriptor: MetricFamilies.emergencyStop).set(to: active ? 1.0 : 0.0)
    }

    /// A circuit breaker's state: `ballast_circuit_breaker_state{breaker}` (0 closed, 1 half-open, 2 open).
    public func setBreakerState(breaker: String, state: CircuitState) {
        registry.makeGauge(descriptor: MetricFamilies.breakerState, labels: [("breaker", breaker)]).set(to: state.gaugeValue)
    }

    /// An alert with a request resolved this long after it started:
    /// `ballast_alert_resolution_duration_seconds`. Negative spans (clock skew) count as zero.
    public func recordAlertResolution(after span: Duration) {
        registry.makeDurationHistogram(
            descriptor: MetricFamilies.alertResolution, labels: [], buckets: MetricFamilies.resolutionBuckets
        ).record(max(span, .zero))
    }

    /// The receiver answered a notification: `ballast_receiver_notifications_total{code}`.
    public func recordNotification(code: Int) {
        registry.makeCounter(descriptor: MetricFamilies.receiverNotifications, labels: [("code", String(code))])
            .increment()
    }

    /// The receiver processed one alert: `ballast_receiver_alerts_total{status, result}`.
    public func recordReceivedAlert(status: AlertmanagerAlert.Status, result: ReceivedAlertResult) {
        registry.makeCounter(descriptor: MetricFamilies.receiverAlerts, labels: [
            ("status", status.rawValue), ("result", result.rawValue),
        ]).increment()
    }

    /// The registry in the Prometheus text exposition format (what `/metrics` serves).
    public func render() -> [UInt8] {
        registry.emitToBuffer()
    }
}
