import Prometheus

/// Every metric family Ballast exports, defined once (name, help text, buckets).
///
/// The Prometheus registry traps when one name is registered with two types or two help texts;
/// keeping every definition here, and recording only through ``BallastMetrics``, rules that out.
/// (Computed properties: `MetricNameDescriptor` is not `Sendable`, so it cannot be a stored static.)
/// Label names are listed next to each family and documented in the README's metrics table.
enum MetricFamilies {
    /// `ballast_remediations_total{phase, action, outcome}`.
    static var remediations: MetricNameDescriptor { counter("remediations", "Remediation requests that reached a final phase, by phase, action and execution outcome.") }
    /// `ballast_decisions_total{source, model}`.
    static var decisions: MetricNameDescriptor { counter("decisions", "Decisions made, by source (LLM, Rules, Cache, Requested) and model.") }
    /// `ballast_llm_request_duration_seconds{model}`.
    static var llmLatency: MetricNameDescriptor { family("llm_request_duration", "seconds", "Latency of LLM calls, by model.") }
    /// `ballast_llm_requests_total{provider, model, outcome}`; outcome `decided` or the failure code.
    static var llmRequests: MetricNameDescriptor { counter("llm_requests", "LLM calls, by provider, model and outcome (decided, or why the call failed).") }
    /// `ballast_llm_tokens_total{model, kind}`; kind is `prompt` or `completion`.
    static var llmTokens: MetricNameDescriptor { counter("llm_tokens", "Tokens used by LLM calls, by model and kind (prompt, completion).") }
    /// `ballast_policy_denials_total{reason}`.
    static var policyDenials: MetricNameDescriptor { counter("policy_denials", "Policy verdicts that did not allow an action, by reason code.") }
    /// `ballast_oscillations_detected_total{type, severity}`.
    static var oscillations: MetricNameDescriptor { counter("oscillations_detected", "Harmful patterns detected in action histories, by type and severity.") }
    /// `ballast_reconcile_duration_seconds{controller, result}`.
    static var reconcileDuration: MetricNameDescriptor { family("reconcile_duration", "seconds", "Time spent in one reconcile, by controller and result (success, error).") }
    /// `ballast_reconcile_overhead_seconds{controller}`.
    static var reconcileOverhead: MetricNameDescriptor {
        family("reconcile_overhead", "seconds", "Time of one reconcile not spent waiting on the API server (no call in flight), by controller.")
    }
    /// `ballast_workqueue_depth{controller}`.
    static var queueDepth: MetricNameDescriptor { family("workqueue_depth", "", "Keys waiting in a controller's work queue.") }
    /// `ballast_emergency_stop_active`.
    static var emergencyStop: MetricNameDescriptor { family("emergency_stop_active", "", "1 while an emergency stop is active in any SafetyPolicy, else 0.") }
    /// `ballast_circuit_breaker_state{breaker}`.
    static var breakerState: MetricNameDescriptor { family("circuit_breaker_state", "", "Circuit breaker state: 0 closed, 1 half-open, 2 open; by breaker (action name, or llm:<provider> for an LLM provider).") }
    /// `ballast_alert_resolution_duration_seconds`.
    static var alertResolution: MetricNameDescriptor { family("alert_resolution_duration", "seconds", "Time from an alert's start to its resolution, for alerts with a remediation request.") }
    /// `ballast_receiver_notifications_total{code}`.
    static var receiverNotifications: MetricNameDescriptor { counter("receiver_notifications", "Alertmanager webhook notifications received, by HTTP status code answered.") }
    /// `ballast_receiver_alerts_total{status, result}`.
    static var receiverAlerts: MetricNameDescriptor { counter("receiver_alerts", "Alerts processed by the receiver, by alert status and result (created, deduplicated, resolved, unmatched, rejected, outOfScope).") }
    /// `ballast_alert_timeline_writes_total{result}`.
    static var alertTimelineWrites: MetricNameDescriptor { counter("alert_timeline_writes", "Alert timeline writes to targets' ActionHistories by the receiver, by result (recorded, unchanged, unresolved, failed, timeout, expired).") }
    /// `ballast_alert_timeline_backlog`.
    static var alertTimelineBacklog: MetricNameDescriptor { family("alert_timeline_backlog", "", "Notifications whose alert timeline outlasted the receiver's timeout and waits to be recorded again.") }

    /// LLM latency buckets: local models answer in 1–11 s, hosted ones up to ~100 s at p95.
    static let llmLatencyBuckets: [Duration] = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120].map { Duration.seconds($0) }
    /// Reconcile buckets: 1 ms to 10 s.
    static let reconcileBuckets: [Duration] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10].map { Duration.seconds($0) }
    /// Reconcile overhead buckets: 0.25 ms to 1 s (the operator's own share is milliseconds).
    static let overheadBuckets: [Duration] = [0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1].map { Duration.seconds($0) }
    /// Alert-to-resolution buckets: 30 s to 1 day.
    static let resolutionBuckets: [Duration] = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400].map { Duration.seconds($0) }

    private static func counter(_ name: String, _ help: String) -> MetricNameDescriptor {
        family(name, "total", help)
    }

    private static func family(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "ballast", metricName: name, unitName: unit, helpText: help)
    }
}
