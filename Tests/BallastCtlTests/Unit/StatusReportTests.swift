import BallastAPI
import BallastCtl
import Foundation
import KubeTypes
import Testing

@Suite("StatusReport: policies and recent requests at a glance")
struct StatusReportTests {
    static let defaultPolicy: SafetyPolicy = {
        var policy = Fixtures.policy(name: "default", generation: 3, stop: EmergencyStop(enabled: false), observedGeneration: 3, active: false)
        policy.spec.rateLimit = RateLimit(maxActions: 20, per: .hours(1))
        policy.status?.executing = 1
        policy.status?.actionsInWindow = 4
        policy.status?.circuitBreakers = [
            CircuitBreakerStatus(action: .restartDeployment, state: .open, until: Fixtures.minutes(20), failures: 3),
            CircuitBreakerStatus(action: .scaleDeployment, state: .closed),
        ]
        return policy
    }()

    static let freeze: SafetyPolicy = {
        var policy = Fixtures.policy(
            name: "payments-freeze", generation: 2, stop: EmergencyStop(enabled: true, reason: "INC-4711", by: "oncall"),
            observedGeneration: 2, active: true)
        policy.status?.emergencyStop?.since = Fixtures.minutes(-3)
        policy.spec.mode = .dryRun
        return policy
    }()

    @Test("policies: mode, emergency stop with who/why/since, executing, window of the rate limit, open breakers only")
    func policyTable() {
        let report = StatusReport(policies: [Self.freeze, Self.defaultPolicy], requests: [], limit: 20, now: Fixtures.now)
        let lines = report.render(now: Fixtures.now, scope: "namespace shop", showNamespace: false).split(separator: "\n").map(String.init)
        #expect(TableCells.of(lines[0]) == ["POLICY", "MODE", "EMERGENCY STOP", "EXECUTING", "ACTIONS IN WINDOW", "OPEN BREAKERS"])
        #expect(TableCells.of(lines[1]) == ["default", "Enforce", "off", "1", "4 of 20/1h", "restart_deployment Open, closes in 20m"])
        #expect(TableCells.of(lines[2]) == ["payments-freeze", "DryRun", "ON by oncall since 3m ago: INC-4711", "-", "-", "none"])
        #expect(lines.last == "No RemediationRequests in namespace shop.")
    }

    @Test("a stop the operator has not observed yet says so", arguments: [
        (Optional<Int64>.none, Optional<Bool>.none, "ON by alice (not yet confirmed)"),
        (1, true, "ON by alice (not yet confirmed)"),
        (2, true, "ON by alice"),
    ])
    func unconfirmedStop(observed: Int64?, active: Bool?, expected: String) {
        let policy = Fixtures.policy(name: "p", generation: 2, stop: EmergencyStop(enabled: true, by: "alice"), observedGeneration: observed, active: active)
        let report = StatusReport(policies: [policy], requests: [], limit: 1, now: Fixtures.now)
        #expect(report.policies[0].emergencyStopRequested)
        let row = report.render(now: Fixtures.now, scope: "x", showNamespace: false).split(separator: "\n")[1]
        #expect(TableCells.of(String(row))[2] == expected)
    }

    @Test("no policy at all: the DryRun fail-safe is stated")
    func noPolicies() {
        let text = StatusReport(policies: [], requests: [], limit: 5, now: Fixtures.now).render(now: Fixtures.now, scope: "all namespaces", showNamespace: true)
        #expect(text.hasPrefix("No SafetyPolicy: Ballast applies its built-in defaults in DryRun mode"))
    }

    @Test("requests: newest first, limited, with phase, action, target, age and reason")
    func requestTable() {
        let blocked = Fixtures.request(
            name: "web-2", phase: .blocked, created: Fixtures.minutes(-2), decision: Fixtures.llmDecision,
            policy: PolicyStatus(verdict: .denied, policies: ["default"], reasons: [PolicyReason(code: .coolingOff, message: "…")], retryAfter: Fixtures.minutes(4)))
        let completed = Fixtures.request(
            name: "web-1", phase: .completed, created: Fixtures.minutes(-30), decision: Fixtures.llmDecision,
            execution: ExecutionStatus(actionId: "a1", result: .succeeded, message: "memory limit 512Mi -> 768Mi on container app"))
        let fresh = Fixtures.request(name: "web-3", phase: nil, created: Fixtures.minutes(-0.5))
        let report = StatusReport(policies: [Self.defaultPolicy], requests: [completed, blocked, fresh], limit: 2, now: Fixtures.now)
        #expect(report.requests.map(\.name) == ["web-3", "web-2"])
        #expect(report.totalRequests == 3)
        let text = report.render(now: Fixtures.now, scope: "namespace shop", showNamespace: true)
        let lines = text.split(separator: "\n").map(String.init)
        let rows = Array(lines.drop { !$0.hasPrefix("NAMESPACE") })
        #expect(TableCells.of(rows[0]) == ["NAMESPACE", "REQUEST", "PHASE", "ACTION", "TARGET", "AGE", "REASON"])
        #expect(TableCells.of(rows[1]) == ["shop", "web-3", "New", "-", "-", "30s", "not yet picked up by an operator"])
        #expect(TableCells.of(rows[2]) == [
            "shop", "web-2", "Blocked", "increase_resources", "Deployment/web", "2m", "CoolingOff until 2027-01-15T08:04:00Z (in 4m)",
        ])
        #expect(lines.last == "(2 newest of 3 requests in namespace shop; --limit shows more)")
    }

    @Test("the JSON structure decodes back and keeps every field")
    func jsonRoundTrip() throws {
        let report = StatusReport(policies: [Self.defaultPolicy, Self.freeze], requests: [Fixtures.request(phase: .pending)], limit: 5, now: Fixtures.now)
        let json = try StructuredOutput.json(report)
        #expect(try JSONDecoder.kubernetes().decode(StatusReport.self, from: Data(json.utf8)) == report)
    }
}

@Suite("StatusReport: policies that cannot be read")
struct StatusReportPolicyErrorTests {
    @Test("a forbidden policy list is stated instead of claiming there is no policy")
    func forbiddenPolicies() {
        var report = StatusReport(policies: [], requests: [], limit: 5, now: Fixtures.now)
        report.policyError = "cannot list safetypolicies: forbidden: no RBAC"
        let text = report.render(now: Fixtures.now, scope: "namespace shop", showNamespace: false)
        #expect(text.hasPrefix("SafetyPolicies unknown: cannot list safetypolicies: forbidden: no RBAC\n\n"))
        #expect(!text.contains("No SafetyPolicy"))
    }
}
