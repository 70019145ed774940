import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

@Suite("Lifecycle: Verifying, terminal phases and spec changes")
struct LifecycleVerificationTests {
    private func verifying(_ spec: RemediationRequestSpec = LifecycleFixture.alertSpec) -> RemediationRequest {
        LifecycleFixture.request(spec, LifecycleFixture.status(.verifying, execution: ExecutionStatus(
            actionId: LifecycleFixture.actionId(1), dryRun: false, startedAt: LifecycleFixture.now - 10, finishedAt: LifecycleFixture.now, result: .succeeded)))
    }

    @Test("Verifying asks for the verification signal")
    func asks() {
        #expect(nextStep(verifying()).effects == [.gather(.verification(target: LifecycleFixture.web))])
    }

    @Test("a resolved alert completes, scores the entry and sets Verified")
    func resolved() throws {
        let at = LifecycleFixture.now + 120
        let result = nextStep(verifying(), LifecycleObservations(verification: VerificationSignal(alertResolvedAt: at, targetHealthy: true)), at: at)
        #expect(result.phase == .completed)
        #expect(result.status.verification == VerificationStatus(alertResolved: true, resolvedAt: at, effectiveness: 1))
        #expect(result.completion?.effectiveness == 1)
        #expect(result.condition(LifecycleCondition.verified)?.reason == "AlertResolved")
    }

    @Test("a resolution stamped before the action started completes the request but earns the action no credit")
    func resolvedBeforeTheAction() throws {
        let at = LifecycleFixture.now - 60
        let result = nextStep(verifying(), LifecycleObservations(verification: VerificationSignal(alertResolvedAt: at, targetHealthy: true)))
        #expect(result.phase == .completed)
        let credited = nextStep(verifying(), LifecycleObservations(verification: VerificationSignal(alertResolvedAt: LifecycleFixture.now, targetHealthy: true)))
        let score = try #require(result.status.verification?.effectiveness)
        #expect(score < (credited.status.verification?.effectiveness ?? 0))
        #expect(result.condition(LifecycleCondition.verified)?.message.contains("before the action started") == true)
    }

    @Test("within the window an unresolved alert waits without writing")
    func waits() {
        let result = nextStep(verifying(), LifecycleObservations(verification: VerificationSignal(targetHealthy: true)), at: LifecycleFixture.now + 590)
        #expect(result.effects == [.requeue(after: 10)])
    }

    @Test("after the window an unresolved alert fails verification")
    func windowElapsed() {
        let result = nextStep(verifying(), LifecycleObservations(verification: VerificationSignal(targetHealthy: false, newAlerts: 2)), at: LifecycleFixture.now + 600)
        #expect(result.phase == .failed)
        #expect(result.condition(LifecycleCondition.verified)?.reason == "AlertNotResolved")
        #expect(result.status.verification?.effectiveness == 0)
        #expect(result.events.first?.type == .warning)
    }

    @Test("a manual request without an alert completes on a healthy target after the window", arguments: [
        (true, RemediationPhase.completed, "TargetHealthy"), (false, .failed, "TargetUnhealthy"),
    ])
    func manual(healthy: Bool, phase: RemediationPhase, reason: String) {
        let result = nextStep(verifying(LifecycleFixture.manualSpec), LifecycleObservations(verification: VerificationSignal(targetHealthy: healthy)), at: LifecycleFixture.now + 600)
        #expect(result.phase == phase)
        #expect(result.condition(LifecycleCondition.verified)?.reason == reason)
    }

    @Test("terminal phases produce no effects whatever is observed", arguments: [
        RemediationPhase.completed, .failed, .escalated, .skipped,
    ])
    func terminal(phase: RemediationPhase) {
        let observations = LifecycleObservations(
            target: .found(LifecycleFixture.web), decision: .decided(LifecycleFixture.decision()), verdict: LifecycleFixture.allowed,
            emergencyStop: ["freeze"], intent: .absent, execution: LifecycleFixture.outcome(.succeeded(alreadyApplied: false)),
            appliedCheck: .notApplied, verification: VerificationSignal(targetHealthy: true))
        var request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.status(phase))
        request.spec.mode = .dryRun
        #expect(nextStep(request, observations).effects.isEmpty)
    }

    @Test("a spec change sets InvalidSpec naming the field and starts nothing; reverting resumes")
    func specChange() throws {
        var request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.status(.analyzing, policy: nil))
        request.spec.allowedActions = [.deletePod]
        let changed = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent))
        #expect(changed.executeOrder == nil)
        let condition = try #require(changed.condition(LifecycleCondition.invalidSpec))
        #expect(condition.status == .true)
        #expect(condition.message.contains("spec.allowedActions"))
        #expect(changed.events.map(\.reason) == ["SpecChanged"])
        #expect(changed.phase == .analyzing)

        request.status = changed.status
        #expect(nextStep(request, LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent)).effects.isEmpty)

        request.spec.allowedActions = nil
        let restored = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent))
        #expect(restored.condition(LifecycleCondition.invalidSpec)?.status == .false)
        #expect(restored.executeOrder != nil)
    }

    @Test("a spec change lets an in-flight action finish")
    func specChangeInFlight() {
        var request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.executing(started: true))
        request.spec.mode = .requireApproval
        let result = nextStep(request, LifecycleObservations(
            intent: .recorded(LifecycleFixture.pendingEntry()), execution: LifecycleFixture.outcome(.succeeded(alreadyApplied: false))))
        #expect(result.phase == .verifying)
        #expect(result.condition(LifecycleCondition.invalidSpec)?.status == .true)
    }

    @Test("a spec change holds a started attempt whose intent was never recorded: nothing is recorded or executed")
    func specChangeHoldsAttemptThatNeverRan() {
        var request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.executing(started: true))
        request.spec.mode = .requireApproval
        let result = nextStep(request, LifecycleObservations(intent: .absent))
        #expect(result.executeOrder == nil)
        #expect(!result.effects.contains { if case .recordIntent = $0 { true } else { false } })
        #expect(result.phase == .executing)
        #expect(result.condition(LifecycleCondition.invalidSpec)?.status == .true)
    }

    @Test("changing only spec.approval is allowed")
    func approvalChange() {
        var request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.status(.awaitingApproval, policy: LifecycleFixture.approval()))
        request.spec.approval = Approval(decision: .approved, by: "alice")
        let result = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.approval(), intent: .absent))
        #expect(result.condition(LifecycleCondition.invalidSpec) == nil)
        #expect(result.executeOrder != nil)
    }
}
