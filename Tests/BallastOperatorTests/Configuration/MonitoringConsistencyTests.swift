import ClusterTestSupport
import Foundation
import Testing
@testable import BallastOperator

/// The chart's alerts and dashboard use only series the operator exports, and the alerts are
/// valid PromQL that fire on the states they describe.
@Suite struct MonitoringConsistencyTests {
    static let root = ReceiverCluster.repositoryRoot

    @Test func chartTemplatesAndDashboardsUseOnlyExportedMetrics() throws {
        let exported = try ExportedMetrics().seriesNames
        var referencedBy: [String: Set<String>] = [:]
        for folder in ["charts/ballast/templates", "charts/ballast/files"] {
            let directory = Self.root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                referencedBy[name] = ExportedMetrics.referencedNames(in: text)
            }
        }
        for (file, names) in referencedBy {
            let unknown = names.subtracting(exported)
            #expect(unknown.isEmpty, "\(file) uses metrics the operator does not export: \(unknown.sorted())")
        }
        #expect(referencedBy["prometheusrule.yaml", default: []].count >= 4)
        #expect(referencedBy["dashboard.json", default: []].count >= 10)
    }

    /// The rendered PrometheusRule passes `promtool test rules`: each alert fires on the state it
    /// describes, with its labels and summary, and stays quiet otherwise.
    @Test func alertsFireOnTheStatesTheyDescribe() async throws {
        let documents = try await RenderedChart.documents(values: "metrics: {prometheusRule: {enabled: true, queueBacklogThreshold: 50}}")
        let rule = try #require(documents.first { $0.contains("kind: PrometheusRule") })
        let groups = try #require(RenderedChart.literalBlock("spec:", in: rule))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try groups.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        try Self.ruleTests.write(to: directory.appendingPathComponent("tests.yaml"), atomically: true, encoding: .utf8)
        let result = try await Command.run("promtool", ["test", "rules", directory.appendingPathComponent("tests.yaml").path])
        #expect(result.status == 0, "promtool: \(result.stdout)\(result.stderr)")
    }

    static let ruleTests = """
        rule_files: [rules.yaml]
        evaluation_interval: 1m
        tests:
        - interval: 1m
          input_series:
          - {series: 'ballast_circuit_breaker_state{breaker="restart_deployment"}', values: '0 0 2 2 2 2 2'}
          - {series: 'ballast_circuit_breaker_state{breaker="llm:primary"}', values: '1x6'}
          - {series: 'ballast_emergency_stop_active', values: '1x10'}
          - {series: 'ballast_workqueue_depth{controller="remediationrequest"}', values: '80x20'}
          - {series: 'ballast_workqueue_depth{controller="actionhistory"}', values: '3x20'}
          alert_rule_test:
          - eval_time: 1m
            alertname: BallastCircuitBreakerOpen
            exp_alerts: []
          - eval_time: 4m
            alertname: BallastCircuitBreakerOpen
            exp_alerts:
            - exp_labels: {severity: warning, breaker: restart_deployment}
              exp_annotations:
                summary: 'Circuit breaker restart_deployment is open after repeated failures: Ballast stopped that action (an llm:<provider> breaker: decisions skip that provider).'
          - eval_time: 6m
            alertname: BallastEmergencyStopActive
            exp_alerts:
            - exp_labels: {severity: info}
              exp_annotations:
                summary: 'An emergency stop is active in a SafetyPolicy: no mutating action runs.'
          - eval_time: 16m
            alertname: BallastQueueBacklog
            exp_alerts:
            - exp_labels: {severity: warning, controller: remediationrequest}
              exp_annotations:
                summary: 'The remediationrequest work queue holds more than 50 items.'
        - interval: 1m
          input_series:
          - {series: 'ballast_llm_requests_total{provider="local",model="m",outcome="timeout"}', values: '0+9x40'}
          - {series: 'ballast_llm_requests_total{provider="local",model="m",outcome="decided"}', values: '0+1x40'}
          - {series: 'ballast_llm_requests_total{provider="hosted",model="g",outcome="decided"}', values: '0+10x40'}
          - {series: 'ballast_llm_requests_total{provider="hosted",model="g",outcome="server_error"}', values: '0+2x40'}
          alert_rule_test:
          - eval_time: 25m
            alertname: BallastLLMFailures
            exp_alerts:
            - exp_labels: {severity: warning, provider: local}
              exp_annotations:
                summary: 'Most calls to LLM provider local fail; decisions fall back to the rules.'
        - interval: 1m
          input_series:
          - {series: 'ballast_alert_timeline_writes_total{result="recorded"}', values: '0+5x10'}
          - {series: 'ballast_alert_timeline_writes_total{result="expired"}', values: '0 0 0 1 1 1 1 1 1 1'}
          alert_rule_test:
          - eval_time: 2m
            alertname: BallastAlertTimelineLost
            exp_alerts: []
          - eval_time: 5m
            alertname: BallastAlertTimelineLost
            exp_alerts:
            - exp_labels: {severity: warning}
              exp_annotations:
                summary: 'The Alertmanager receiver gave up recording alert state changes after the API server stayed unreachable; Flapping and CascadingFailure detection miss them.'
        """
}
