import BallastAPI
import BallastCore
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

@Suite("Lifecycle: policy check, AwaitingApproval and Blocked")
struct LifecyclePolicyTests {
    private let analyzing = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.status(.analyzing, policy: nil))

    @Test("allowed: Executing and started in one status write, then the intent, then the execution — in that order")
    func allowed() throws {
        let result = nextStep(analyzing, LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent))
        #expect(result.phase == .executing)
        #expect(result.condition(LifecycleCondition.policyAllowed)?.status == .true)
        guard result.effects.count >= 3,
            case .updateStatus(let executing) = result.effects[0], case .recordIntent(let entry) = result.effects[1],
            case .execute(let order) = result.effects[2]
        else {
            Issue.record("unexpected effects \(result.effects)")
            return
        }
        #expect(executing.execution?.actionId == LifecycleFixture.actionId(1))
        #expect(executing.execution?.startedAt == LifecycleFixture.now)
        #expect(entry.state == .pending && entry.actionId == LifecycleFixture.actionId(1))
        #expect(result.effects.filter { if case .updateStatus = $0 { true } else { false } }.count == 1)
        #expect(order == ExecutionOrder(actionId: LifecycleFixture.actionId(1), action: .restartDeployment, parameters: [:], target: LifecycleFixture.web, dryRun: false))
        #expect(result.events.isEmpty, "the allowance sets the condition only; the outcome's Event follows")
    }

    @Test("a dry-run verdict executes as a dry run")
    func dryRun() throws {
        let result = nextStep(analyzing, LifecycleObservations(verdict: LifecycleFixture.dryRunOnly, intent: .absent))
        #expect(try #require(result.executeOrder).dryRun)
        #expect(result.condition(LifecycleCondition.policyAllowed)?.reason == "DryRunOnly")
    }

    @Test("denials that expire block with retryAfter and a requeue", arguments: [
        PolicyReasonCode.coolingOff, .rateLimited, .circuitOpen, .oscillationDetected,
    ])
    func timeBoundDenial(code: PolicyReasonCode) throws {
        let until = LifecycleFixture.now.addingTimeInterval(240)
        let result = nextStep(analyzing, LifecycleObservations(verdict: LifecycleFixture.denied(code, retryAfter: until)))
        #expect(result.phase == .blocked)
        #expect(result.status.policy?.retryAfter == until)
        #expect(result.requeueAfter == 240)
        let condition = try #require(result.condition(LifecycleCondition.policyAllowed))
        #expect(condition.reason == code.rawValue)
        #expect(condition.message.contains("Denied by SafetyPolicy default: \(code.rawValue)"))
        #expect(condition.message.contains("retry after \(KubeTime.format(until))"))
        #expect(result.events == [LifecycleEvent(.warning, code.rawValue, condition.message)])
        #expect(result.executeOrder == nil)
    }

    @Test("denials without an expiry that can lift (concurrency, invalid policy) block and re-check", arguments: [
        PolicyReasonCode.maxConcurrent, .policyInvalid, .emergencyStop,
    ])
    func untimedDenial(code: PolicyReasonCode) {
        let result = nextStep(analyzing, LifecycleObservations(verdict: LifecycleFixture.denied(code)))
        #expect(result.phase == .blocked)
        #expect(result.requeueAfter == LifecycleSettings().recheckInterval)
    }

    @Test("permanent denials fail", arguments: [
        PolicyReasonCode.namespaceExcluded, .targetNotSelected, .actionNotAllowed, .limitExceeded, .invalidParameters,
    ])
    func permanentDenial(code: PolicyReasonCode) {
        let result = nextStep(analyzing, LifecycleObservations(verdict: LifecycleFixture.denied(code)))
        #expect(result.phase == .failed)
        #expect(result.condition(LifecycleCondition.policyAllowed)?.reason == code.rawValue)
        #expect(result.events.map(\.reason) == [code.rawValue])
        #expect(result.requeueAfter == nil)
    }

    @Test("an escalating detection escalates")
    func oscillation() {
        let result = nextStep(analyzing, LifecycleObservations(verdict: LifecycleFixture.oscillating))
        #expect(result.phase == .escalated)
        #expect(result.events.map(\.reason) == ["OscillationDetected"])
    }

    @Test("approval required without an answer waits; with one it executes or is skipped", arguments: [
        (nil as ApprovalDecision?, RemediationPhase.awaitingApproval, "ApprovalRequired"),
        (.approved, .executing, "Approved"),
        (.rejected, .skipped, "Rejected"),
    ])
    func approval(answer: ApprovalDecision?, phase: RemediationPhase, reason: String) {
        var spec = LifecycleFixture.alertSpec
        spec.approval = answer.map { Approval(decision: $0, by: "alice") }
        let request = LifecycleFixture.request(spec, LifecycleFixture.status(.analyzing, policy: nil))
        let result = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.approval(), intent: .absent))
        #expect(result.phase == phase)
        #expect(result.condition(LifecycleCondition.policyAllowed)?.reason == reason)
        #expect(result.events.first?.reason == reason)
    }

    @Test("AwaitingApproval without an answer changes nothing")
    func awaitingStable() {
        let request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.status(.awaitingApproval, policy: LifecycleFixture.approval()))
        #expect(nextStep(request, LifecycleObservations(verdict: LifecycleFixture.approval())).effects.isEmpty)
    }

    @Test("an approval re-runs the policy check, which may now deny")
    func approvalRechecks() {
        var spec = LifecycleFixture.alertSpec
        spec.approval = Approval(decision: .approved, by: "alice")
        let request = LifecycleFixture.request(spec, LifecycleFixture.status(.awaitingApproval, policy: LifecycleFixture.approval()))
        if case .policyVerdict? = nextStep(request).need {} else { Issue.record("expected a policy query") }
        let denied = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.denied(.coolingOff, retryAfter: LifecycleFixture.now + 60)))
        #expect(denied.phase == .blocked)
    }

    @Test("an emergency stop blocks AwaitingApproval even when approved")
    func stopWhileAwaiting() {
        var spec = LifecycleFixture.alertSpec
        spec.approval = Approval(decision: .approved, by: "alice")
        let request = LifecycleFixture.request(spec, LifecycleFixture.status(.awaitingApproval, policy: LifecycleFixture.approval()))
        let result = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.allowed, emergencyStop: ["freeze"]))
        #expect(result.phase == .blocked)
        #expect(result.condition(LifecycleCondition.policyAllowed)?.reason == "EmergencyStop")
        #expect(result.events.first?.message.contains("freeze") == true)
        #expect(result.executeOrder == nil)
    }

    @Test("a person's rejection ends a Blocked wait at once, and wins over an allowing verdict")
    func rejectionWhileBlocked() {
        var spec = LifecycleFixture.alertSpec
        spec.approval = Approval(decision: .rejected, by: "alice")
        let blocked = LifecycleFixture.request(spec, LifecycleFixture.status(.blocked, policy: LifecycleFixture.denied(.coolingOff, retryAfter: LifecycleFixture.now + 90)))
        let result = nextStep(blocked, LifecycleObservations(verdict: LifecycleFixture.allowed))
        #expect(result.phase == .skipped)
        #expect(result.condition(LifecycleCondition.policyAllowed)?.reason == "Rejected")
        #expect(result.executeOrder == nil)
        let analyzing = LifecycleFixture.request(spec, LifecycleFixture.status(.analyzing, policy: nil))
        #expect(nextStep(analyzing, LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent)).phase == .skipped)
    }

    @Test("an alert that resolved before anything started ends the request as Skipped, with nothing executed")
    func resolvedBeforeStart() {
        var status = LifecycleFixture.status(.blocked, policy: LifecycleFixture.denied(.coolingOff, retryAfter: LifecycleFixture.now - 1))
        status.verification = VerificationStatus(alertResolved: true, resolvedAt: LifecycleFixture.now - 30)
        let request = LifecycleFixture.request(LifecycleFixture.alertSpec, status)
        let result = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent))
        #expect(result.phase == .skipped)
        #expect(result.condition(LifecycleCondition.executed)?.reason == "AlertResolved")
        #expect(result.events.map(\.reason) == ["AlertResolved"])
        #expect(result.executeOrder == nil)
    }

    @Test("collect_diagnostics stays available during an emergency stop; a mutating action is blocked")
    func readOnlyUnderStop() throws {
        let diagnostics = LifecycleFixture.request(
            LifecycleFixture.alertSpec, LifecycleFixture.status(.analyzing, decision: LifecycleFixture.decision(.collectDiagnostics), policy: nil))
        let result = nextStep(diagnostics, LifecycleObservations(verdict: LifecycleFixture.allowed, emergencyStop: ["freeze"], intent: .absent))
        #expect(result.phase == .executing)
        #expect(try #require(result.executeOrder).action == .collectDiagnostics)
        let restart = nextStep(analyzing, LifecycleObservations(verdict: LifecycleFixture.allowed, emergencyStop: ["freeze"], intent: .absent))
        #expect(restart.phase == .blocked)
        #expect(restart.executeOrder == nil)
    }

    @Test("Blocked waits until retryAfter without writing")
    func blockedWaits() {
        let request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.status(.blocked, policy: LifecycleFixture.denied(.coolingOff, retryAfter: LifecycleFixture.now + 90)))
        let result = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.allowed))
        #expect(result.effects == [.requeue(after: 90)])
    }

    @Test("Blocked resumes from the policy check once retryAfter passed")
    func blockedResumes() {
        let request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.status(.blocked, policy: LifecycleFixture.denied(.coolingOff, retryAfter: LifecycleFixture.now - 1)))
        if case .policyVerdict? = nextStep(request).need {} else { Issue.record("expected a policy query") }
        let resumed = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent))
        #expect(resumed.phase == .executing)
        #expect(resumed.executeOrder?.actionId == LifecycleFixture.actionId(1))
    }

    @Test("Blocked by an emergency stop stays blocked without new events while it holds, resumes when lifted")
    func emergencyStopLifecycle() {
        let stopped = nextStep(analyzing, LifecycleObservations(emergencyStop: ["freeze"]))
        #expect(stopped.phase == .blocked)
        var request = analyzing
        request.status = stopped.status
        let again = nextStep(request, LifecycleObservations(emergencyStop: ["freeze"]))
        #expect(again.effects == [.requeue(after: LifecycleSettings().recheckInterval)])
        let lifted = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent))
        #expect(lifted.phase == .executing)
        #expect(lifted.executeOrder != nil)
    }
}

@Suite("Lifecycle: every denial is explained")
struct LifecycleDenialTests {
    @Test("each reason code denies with a condition and an Event carrying the code", arguments: PolicyReasonCode.allCases)
    func denial(code: PolicyReasonCode) throws {
        let request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.status(.analyzing, policy: nil))
        let result = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.denied(code)))
        #expect(result.phase == .blocked || result.phase == .failed)
        #expect(result.phase == .blocked ? result.requeueAfter != nil : result.requeueAfter == nil)
        let condition = try #require(result.condition(LifecycleCondition.policyAllowed))
        #expect(condition.status == .false && condition.reason == code.rawValue)
        #expect(result.events == [LifecycleEvent(.warning, code.rawValue, condition.message)])
        #expect(result.status.policy?.reasons.map(\.code) == [code])
        #expect(result.executeOrder == nil)
    }

    @Test("a new generation (an approval edit) is recorded as observedGeneration")
    func observedGeneration() {
        var request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.status(.awaitingApproval, policy: LifecycleFixture.approval()))
        request.metadata.generation = 2
        let result = nextStep(request)
        #expect(result.status.observedGeneration == 2)
        #expect(result.writesStatus)
    }
}

@Suite("Lifecycle: the request's mode is never loosened")
struct LifecycleModeTests {
    private func analyzing(_ mode: RequestMode) -> RemediationRequest {
        var spec = LifecycleFixture.alertSpec
        spec.mode = mode
        return LifecycleFixture.request(spec, LifecycleFixture.status(.analyzing, policy: nil))
    }

    @Test("mode DryRun executes as a dry run even when the verdict does not say so")
    func dryRunMode() throws {
        let result = nextStep(analyzing(.dryRun), LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent))
        #expect(try #require(result.executeOrder).dryRun)
        #expect(result.status.policy?.dryRun == true)
    }

    @Test("mode RequireApproval waits for approval even when the verdict allows")
    func requireApprovalMode() {
        let result = nextStep(analyzing(.requireApproval), LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent))
        #expect(result.phase == .awaitingApproval)
        #expect(result.status.policy?.verdict == .requiresApproval)
        #expect(result.executeOrder == nil)
    }
}
