import BallastAPI
import BallastCtl
import Foundation
import KubeTypes
import Testing

@Suite("Explanation: why a request is where it is, in plain words")
struct ExplanationTests {
    static let now = Fixtures.now
    static let coolingOff = PolicyStatus(
        verdict: .denied, policies: ["default"],
        reasons: [PolicyReason(code: .coolingOff, message: "increase_resources ran on shop/web 4m ago; SafetyPolicy default requires 10m")],
        retryAfter: Fixtures.minutes(6))
    static let executed = ExecutionStatus(
        actionId: "3b1f", dryRun: false, startedAt: Fixtures.minutes(-4), finishedAt: Fixtures.minutes(-3.5), result: .succeeded,
        message: "memory limit 512Mi -> 768Mi on container app",
        changes: [FieldChange(path: "spec.template.spec.containers[app].resources.limits.memory", from: "512Mi", to: "768Mi")])

    static func explain(_ request: RemediationRequest, events: [Event] = []) -> Explanation {
        Explanation(request: request, events: events, now: now)
    }

    @Test("every phase has a headline that says where the request is", arguments: [
        (RemediationPhase?.none, "Not picked up yet: no operator has written its status (created 10m ago). Is Ballast running?"),
        (.pending, "Pending: an operator has seen it and will gather context and decide."),
        (.analyzing, "Analyzing: gathering context about Deployment shop/web and deciding what to do."),
        (.executing, "Executing increase_resources on Deployment shop/web since 4m ago."),
        (.verifying, "increase_resources was executed on Deployment shop/web; now checking that it worked (the alert resolves, or the verification window passes)."),
        (.completed, "Completed: increase_resources succeeded on Deployment shop/web. The alert resolved 1m ago; effectiveness 0.90."),
        (.failed, "Failed: memory limit 512Mi -> 768Mi on container app."),
        (.skipped, "Skipped: nothing to do for notify_only."),
    ])
    func headlines(phase: RemediationPhase?, expected: String) {
        let request = Fixtures.request(
            phase: phase, decision: Fixtures.llmDecision, execution: Self.executed,
            verification: VerificationStatus(alertResolved: true, resolvedAt: Fixtures.minutes(-1), effectiveness: 0.9),
            conditions: [Fixtures.condition("Executed", .false, "Skipped", "nothing to do for notify_only")])
        #expect(Self.explain(request).headline == expected)
        #expect(Self.explain(request).phase == (phase?.rawValue ?? "New"))
    }

    @Test("blocked by a time-bound reason: the reason in plain words and the exact time it resumes")
    func blockedUntil() {
        let request = Fixtures.request(phase: .blocked, decision: Fixtures.llmDecision, policy: Self.coolingOff)
        let explanation = Self.explain(request)
        #expect(explanation.headline == "Blocked: increase_resources on Deployment shop/web may not run now because the target is cooling off after a recent action; it resumes by itself at 2027-01-15T08:06:00Z (in 6m).")
        let policy = explanation.sections.first { $0.topic == "Policy" }
        #expect(policy?.lines == [
            "denied by SafetyPolicy default",
            "CoolingOff: the target is cooling off after a recent action — increase_resources ran on shop/web 4m ago; SafetyPolicy default requires 10m",
            "It resumes by itself at 2027-01-15T08:06:00Z (in 6m).",
        ])
    }

    @Test("blocked by an emergency stop: it resumes when the stop is lifted")
    func blockedByStop() {
        let policy = PolicyStatus(verdict: .denied, policies: ["default"], reasons: [PolicyReason(code: .emergencyStop, message: "SafetyPolicy default: emergency stop by alice")])
        let headline = Self.explain(Fixtures.request(phase: .blocked, decision: Fixtures.llmDecision, policy: policy)).headline
        #expect(headline == "Blocked: increase_resources on Deployment shop/web may not run now because an emergency stop is set; it resumes by itself when the emergency stop is lifted (`kubectl ballast resume`).")
    }

    @Test("blocked and also needing approval: says the answer can be given now")
    func blockedNeedingApproval() {
        let policy = PolicyStatus(verdict: .denied, policies: ["default"], reasons: [
            PolicyReason(code: .coolingOff, message: "wait"), PolicyReason(code: .approvalRequired, message: "approve"),
        ], retryAfter: Fixtures.minutes(6))
        let headline = Self.explain(Fixtures.request(phase: .blocked, decision: Fixtures.rollbackDecision, policy: policy)).headline
        #expect(headline.hasSuffix("(in 6m). It also needs a person's answer, which can be given now: `kubectl ballast approve web-oom -n shop` or `reject`."))
    }

    @Test("a retry time that has passed is reported as passed, not as a future resume")
    func retryPassed() {
        var policy = Self.coolingOff
        policy.retryAfter = Fixtures.minutes(-2)
        let headline = Self.explain(Fixtures.request(phase: .blocked, decision: Fixtures.llmDecision, policy: policy)).headline
        #expect(headline.hasSuffix("its retry time 2027-01-15T07:58:00Z passed 2m ago; the operator re-checks it."))
    }

    @Test("awaiting approval: which reasons, and the exact commands to answer")
    func awaitingApproval() {
        let policy = PolicyStatus(verdict: .requiresApproval, policies: ["default"], reasons: [
            PolicyReason(code: .lowConfidence, message: "confidence 0.62 is below 0.8"),
            PolicyReason(code: .approvalRequired, message: "rollback_deployment requires approval"),
        ])
        let explanation = Self.explain(Fixtures.request(phase: .awaitingApproval, decision: Fixtures.llmDecision, policy: policy))
        #expect(explanation.headline == "Waiting for a person: increase_resources on Deployment shop/web needs approval because the decision's confidence is below the policy's minimum and a person must approve this action. Answer with `kubectl ballast approve web-oom -n shop` or `reject`.")
        #expect(explanation.sections.first { $0.topic == "Approval" }?.lines == ["nobody has answered yet"])
        #expect(explanation.sections.first { $0.topic == "Policy" }?.lines.first == "requires a person's approval by SafetyPolicy default")
    }

    @Test("an answered request shows who answered, when and why (from the annotations)")
    func answered() {
        var request = Fixtures.request(phase: .executing, decision: Fixtures.rollbackDecision, approval: Approval(decision: .approved, by: "alice"))
        request.metadata.annotations = [ApprovalChange.atAnnotation: "2027-01-15T07:58:00Z", ApprovalChange.reasonAnnotation: "checked with the team"]
        #expect(Self.explain(request).sections.first { $0.topic == "Approval" }?.lines == ["Approved by alice 2m ago: checked with the team"])
    }

    @Test("escalated: the reason of the latest False condition")
    func escalated() {
        let request = Fixtures.request(
            phase: .escalated, decision: Fixtures.llmDecision,
            conditions: [Fixtures.condition("PolicyAllowed", .false, "OscillationDetected", "scale oscillation on shop/web; a person must decide")])
        #expect(Self.explain(request).headline == "Escalated to a person: scale oscillation on shop/web; a person must decide. Ballast will not act on this request by itself.")
    }

    @Test("decision, execution and verification sections carry the numbers")
    func details() {
        let request = Fixtures.request(
            phase: .completed, decision: Fixtures.llmDecision, policy: PolicyStatus(verdict: .allowed, policies: ["default"], reasons: [], dryRun: false),
            execution: Self.executed, verification: VerificationStatus(alertResolved: true, resolvedAt: Fixtures.minutes(-1), effectiveness: 0.9))
        let sections = Dictionary(uniqueKeysWithValues: Self.explain(request).sections.map { ($0.topic, $0.lines) })
        #expect(sections["Alert"] == ["KubeContainerOOMKilled (warning), firing since 12m ago, from alertmanager"])
        #expect(sections["Target"] == ["Deployment shop/web (uid 6f1c)", "history: actionhistory deployment-web (`kubectl ballast history deployment/web`)"])
        #expect(sections["Decision"] == [
            "increase_resources (container=app, memoryLimit=768Mi), chosen by the LLM granite3.1-dense:8b with confidence 0.86 in 1840ms",
            "reasoning: \"OOMKilled 3 times in 20m at the 512Mi limit.\"",
            "alternatives considered: restart_deployment (0.30)",
        ])
        #expect(sections["Policy"] == ["allowed by SafetyPolicy default"])
        #expect(sections["Execution"] == [
            "real run, actionId 3b1f, started 4m ago, took 30s",
            "Succeeded: memory limit 512Mi -> 768Mi on container app",
            "changed spec.template.spec.containers[app].resources.limits.memory: 512Mi -> 768Mi",
        ])
        #expect(sections["Verification"] == ["the alert resolved 1m ago", "effectiveness 0.90 (0 = no effect, 1 = fully resolved without side effects)"])
    }

    @Test("every policy reason code has its own plain meaning", arguments: PolicyReasonCode.allCases)
    func reasonMeanings(code: PolicyReasonCode) {
        let meaning = PolicyReasonText.meaning(code)
        #expect(!meaning.isEmpty)
        let others = PolicyReasonCode.allCases.filter { $0 != code }.map(PolicyReasonText.meaning)
        #expect(!others.contains(meaning))
        let request = Fixtures.request(
            phase: .blocked, decision: Fixtures.llmDecision,
            policy: PolicyStatus(verdict: .denied, policies: ["p"], reasons: [PolicyReason(code: code, message: "details")]))
        #expect(Self.explain(request).headline.contains(meaning))
    }

    @Test("events are listed oldest first and rendered as a table under the sections")
    func events() {
        let reference = ObjectReference(kind: "RemediationRequest", namespace: "shop", name: "web-oom")
        let events = [
            Event(metadata: ObjectMeta(name: "e2"), involvedObject: reference, reason: "Executed", message: "memory limit raised", type: "Normal", count: 1, lastTimestamp: Fixtures.minutes(-3)),
            Event(metadata: ObjectMeta(name: "e1"), involvedObject: reference, reason: "Decided", message: "increase_resources (0.86)", type: "Normal", count: 2, lastTimestamp: Fixtures.minutes(-5)),
        ]
        let explanation = Self.explain(Fixtures.request(phase: .completed, decision: Fixtures.llmDecision, execution: Self.executed), events: events)
        #expect(explanation.events.map(\.reason) == ["Decided", "Executed"])
        let text = explanation.render(now: Self.now)
        #expect(text.hasPrefix("remediationrequest shop/web-oom: Completed\nCompleted: increase_resources succeeded on Deployment shop/web.\n\n"))
        let eventLines = text.components(separatedBy: "Events:\n").last?.split(separator: "\n").map(String.init) ?? []
        #expect(eventLines.map { TableCells.of($0.trimmingCharacters(in: .whitespaces)) } == [
            ["LAST SEEN", "TYPE", "REASON", "COUNT", "MESSAGE"],
            ["5m ago", "Normal", "Decided", "2", "increase_resources (0.86)"],
            ["3m ago", "Normal", "Executed", "1", "memory limit raised"],
        ])
        #expect(text.contains("\nDecision:     increase_resources (container=app"))
    }

    @Test("a manual request says so, and the explanation decodes back from JSON")
    func manualRequest() throws {
        let spec = RemediationRequestSpec(target: Fixtures.webTarget, mode: .requireApproval, action: RequestedAction(name: .rollbackDeployment))
        let explanation = Self.explain(Fixtures.request(phase: .pending, spec: spec))
        #expect(explanation.sections.first { $0.topic == "Alert" }?.lines == ["None: a manual request (spec.action and spec.target)."])
        #expect(explanation.sections.first { $0.topic == "Decision" }?.lines == ["requested mode: RequireApproval", "requested action: rollback_deployment", "not decided yet"])
        let json = try StructuredOutput.json(explanation)
        #expect(try JSONDecoder.kubernetes().decode(Explanation.self, from: Data(json.utf8)) == explanation)
    }
}
