import BallastAPI
import Metrics

/// The engine's metrics through an injected swift-metrics factory: per provider and model a
/// latency timer and an outcome counter, token counters, the breaker's state, and decisions by source.
struct DecisionMetrics: Sendable {
    let factory: any MetricsFactory

    /// Records one provider call.
    func recordCall(provider: String, model: String, outcome: String, latency: Duration, tokens: TokenUsage?) {
        let dimensions = [("provider", provider), ("model", model)]
        Timer(label: "ballast_llm_request_duration_seconds", dimensions: dimensions + [("outcome", outcome)], factory: factory)
            .recordNanoseconds(Int64(latency.seconds * 1e9))
        Counter(label: "ballast_llm_requests_total", dimensions: dimensions + [("outcome", outcome)], factory: factory).increment()
        if let tokens {
            Counter(label: "ballast_llm_tokens_total", dimensions: dimensions + [("kind", "prompt")], factory: factory)
                .increment(by: tokens.prompt)
            Counter(label: "ballast_llm_tokens_total", dimensions: dimensions + [("kind", "completion")], factory: factory)
                .increment(by: tokens.completion)
        }
    }

    /// Sets provider `provider`'s breaker gauge: `ballast_circuit_breaker_state{breaker="llm:<provider>"}`.
    func recordBreakerState(provider: String, _ state: CircuitState) {
        Gauge(label: "ballast_circuit_breaker_state", dimensions: [("breaker", "llm:\(provider)")], factory: factory)
            .record(state.gaugeValue)
    }

    /// Records one decision.
    func recordDecision(_ outcome: DecisionOutcome) {
        Counter(
            label: "ballast_decisions_total",
            dimensions: [("source", outcome.decision.source.rawValue), ("fallback", outcome.fallback?.code ?? "none")],
            factory: factory
        ).increment()
    }
}
