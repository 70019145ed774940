import BallastAPI
import CoreMetrics
import Prometheus
import Testing
@testable import BallastOperator

@Suite struct BallastMetricsTests {
    let metrics = BallastMetrics(registry: PrometheusCollectorRegistry())

    var text: String { String(decoding: metrics.render(), as: UTF8.self) }

    @Test func everyFamilyRendersWithHelpAndLabels() {
        metrics.recordRemediation(phase: .completed, action: .scaleDeployment, outcome: .succeeded)
        metrics.recordRemediation(phase: .escalated, action: nil, outcome: nil)
        metrics.recordDecision(source: .llm, model: "granite3.1-dense:8b")
        metrics.recordDecision(source: .rules, model: nil)
        metrics.recordPolicyDenial(reasons: [.emergencyStop, .coolingOff])
        metrics.recordOscillation(type: .scaleOscillation, severity: .high)
        // Through the swift-metrics bridge, as ControllerRuntime and the decision engine record them.
        let factory = OperatorMetricsFactory(metrics: metrics)
        let model = [("provider", "ollama"), ("model", "granite3.1-dense:8b")]
        Timer(label: "ballast_llm_request_duration_seconds", dimensions: model + [("outcome", "ok")], factory: factory)
            .recordMilliseconds(1840)
        Counter(label: "ballast_llm_requests_total", dimensions: model + [("outcome", "ok")], factory: factory).increment()
        Counter(label: "ballast_llm_tokens_total", dimensions: model + [("kind", "prompt")], factory: factory).increment(by: 1520)
        Counter(label: "ballast_llm_tokens_total", dimensions: model + [("kind", "completion")], factory: factory).increment(by: 96)
        Timer(label: "ballast_reconcile_duration_seconds", dimensions: [("controller", "remediationrequest"), ("result", "success")],
              factory: factory).recordMilliseconds(12)
        Timer(label: "ballast_reconcile_overhead_seconds", dimensions: [("controller", "remediationrequest")], factory: factory)
            .recordNanoseconds(1_500_000)
        Gauge(label: "ballast_workqueue_depth", dimensions: [("controller", "remediationrequest")], factory: factory).record(3)
        Counter(label: "some_library_internal_total", factory: factory).increment()
        metrics.setEmergencyStop(active: true)
        metrics.setBreakerState(breaker: "restart_deployment", state: .open)
        metrics.recordAlertResolution(after: .seconds(600))
        let text = text
        for line in [
            #"ballast_remediations_total{phase="Completed",action="scale_deployment",outcome="Succeeded"} 1"#,
            #"ballast_remediations_total{phase="Escalated",action="none",outcome="none"} 1"#,
            #"ballast_decisions_total{source="LLM",model="granite3.1-dense:8b"} 1"#,
            #"ballast_decisions_total{source="Rules",model="none"} 1"#,
            #"ballast_llm_request_duration_seconds_bucket{model="granite3.1-dense:8b",le="2.5"} 1"#,
            #"ballast_llm_request_duration_seconds_bucket{model="granite3.1-dense:8b",le="1.0"} 0"#,
            #"ballast_llm_tokens_total{model="granite3.1-dense:8b",kind="prompt"} 1520"#,
            #"ballast_llm_tokens_total{model="granite3.1-dense:8b",kind="completion"} 96"#,
            #"ballast_llm_requests_total{provider="ollama",model="granite3.1-dense:8b",outcome="ok"} 1"#,
            #"ballast_policy_denials_total{reason="EmergencyStop"} 1"#,
            #"ballast_policy_denials_total{reason="CoolingOff"} 1"#,
            #"ballast_oscillations_detected_total{type="ScaleOscillation",severity="High"} 1"#,
            #"ballast_reconcile_duration_seconds_count{controller="remediationrequest",result="success"} 1"#,
            #"ballast_reconcile_overhead_seconds_bucket{controller="remediationrequest",le="0.001"} 0"#,
            #"ballast_reconcile_overhead_seconds_bucket{controller="remediationrequest",le="0.002"} 1"#,
            #"ballast_workqueue_depth{controller="remediationrequest"} 3"#,
            "ballast_emergency_stop_active 1",
            #"ballast_circuit_breaker_state{breaker="restart_deployment"} 2"#,
            "ballast_alert_resolution_duration_seconds_count 1",
            "# HELP ballast_remediations_total Remediation requests that reached a final phase",
            "# TYPE ballast_llm_request_duration_seconds histogram",
        ] {
            #expect(text.contains(line), "missing: \(line)")
        }
        #expect(!text.contains("some_library_internal"), "metrics outside the reference are dropped")
    }

    @Test func emergencyStopGaugeIsExportedFromTheStart() {
        #expect(text.contains("ballast_emergency_stop_active 0"))
    }

    @Test(arguments: [(CircuitState.closed, "0"), (.halfOpen, "1"), (.open, "2")])
    func breakerStatesMapToNumbers(state: CircuitState, value: String) {
        metrics.setBreakerState(breaker: "llm", state: state)
        #expect(text.contains(#"ballast_circuit_breaker_state{breaker="llm"} \#(value)"#))
    }

    @Test func negativeResolutionSpansCountAsZero() {
        metrics.recordAlertResolution(after: .seconds(-5))
        #expect(text.contains("ballast_alert_resolution_duration_seconds_sum 0.0\n"))
    }

    @Test func twoInstancesOverOneRegistryDoNotTrap() {
        let registry = PrometheusCollectorRegistry()
        let first = BallastMetrics(registry: registry)
        let second = BallastMetrics(registry: registry)
        first.recordDecision(source: .cache, model: nil)
        second.recordDecision(source: .cache, model: nil)
        #expect(String(decoding: registry.emitToBuffer(), as: UTF8.self).contains(#"ballast_decisions_total{source="Cache",model="none"} 2"#))
    }
}

@Suite struct ReadinessStateTests {
    @Test func withoutLeaderElectionOnlyCachesMatter() {
        let state = ReadinessState(leaderElection: false)
        #expect(state.snapshot.isReady)
        state.expectCache("b")
        state.expectCache("a")
        #expect(state.snapshot.problems == ["cache a: not synced", "cache b: not synced"])
        state.markCacheSynced("a")
        state.markCacheSynced("b")
        #expect(state.snapshot.isReady)
    }

    @Test(arguments: [(ReadinessState.Role.unknown, false), (.leader, true), (.follower, true)])
    func withLeaderElectionTheRoleMustBeKnown(role: ReadinessState.Role, ready: Bool) {
        let state = ReadinessState(leaderElection: true)
        state.setRole(role)
        #expect(state.snapshot.isReady == ready)
    }
}
