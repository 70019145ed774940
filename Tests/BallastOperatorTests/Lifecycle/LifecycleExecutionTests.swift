import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

@Suite("Lifecycle: Executing and its outcomes")
struct LifecycleExecutionTests {
    private func executing(attempt: Int = 1, started: Bool, dryRun: Bool = false) -> RemediationRequest {
        LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.executing(attempt: attempt, started: started, dryRun: dryRun))
    }

    @Test("Executing asks for the intent of its actionId first")
    func asksForIntent() {
        #expect(nextStep(executing(started: false)).effects == [.gather(.intent(actionId: LifecycleFixture.actionId(1)))])
    }

    @Test("a recorded Pending intent not yet started is started once")
    func startsRecordedIntent() {
        let result = nextStep(executing(started: false), LifecycleObservations(intent: .recorded(LifecycleFixture.pendingEntry())))
        #expect(result.actions.count == 1)
        #expect(result.executeOrder?.actionId == LifecycleFixture.actionId(1))
        #expect(result.status.execution?.startedAt == LifecycleFixture.now)
    }

    @Test("an emergency stop before the start abandons the intent and blocks; nothing executes", arguments: [
        IntentLookup.absent, .recorded(LifecycleFixture.pendingEntry()),
    ])
    func stopBeforeStart(intent: IntentLookup) {
        let result = nextStep(executing(started: false), LifecycleObservations(emergencyStop: ["freeze"], intent: intent))
        #expect(result.executeOrder == nil)
        #expect(result.phase == .blocked)
        let abandoned = result.completion
        if case .recorded = intent {
            #expect(abandoned?.state == .abandoned)
        } else {
            #expect(abandoned == nil)
            #expect(!result.effects.contains { if case .recordIntent = $0 { true } else { false } })
        }
    }

    @Test("an in-flight action finishes and is recorded even under an emergency stop")
    func inFlightFinishesUnderStop() {
        let observations = LifecycleObservations(
            emergencyStop: ["freeze"], intent: .recorded(LifecycleFixture.pendingEntry()),
            execution: LifecycleFixture.outcome(.succeeded(alreadyApplied: false)))
        let result = nextStep(executing(started: true), observations)
        #expect(result.phase == .verifying)
        #expect(result.completion?.state == .succeeded)
        #expect(result.executeOrder == nil)
    }

    @Test("after a crash a started action is checked, never executed again")
    func crashRecoveryChecks() {
        let result = nextStep(executing(started: true), LifecycleObservations(intent: .recorded(LifecycleFixture.pendingEntry())))
        #expect(result.effects == [.checkApplied(actionId: LifecycleFixture.actionId(1), target: LifecycleFixture.web)])
    }

    @Test("a started attempt without an intent never ran: its intent is recorded and it executes, same actionId, no attempt spent")
    func crashBeforeIntentGoesOn() throws {
        let result = nextStep(executing(started: true), LifecycleObservations(intent: .absent))
        guard result.effects.count >= 2, case .recordIntent(let entry) = result.effects[0], case .execute(let order) = result.effects[1] else {
            Issue.record("unexpected effects \(result.effects)")
            return
        }
        #expect(entry.actionId == LifecycleFixture.actionId(1) && entry.state == .pending)
        #expect(order.actionId == LifecycleFixture.actionId(1))
        #expect(!result.effects.contains { if case .checkApplied = $0 { true } else { false } })
        #expect(result.status.execution?.startedAt == LifecycleFixture.executing(started: true).execution?.startedAt)
    }

    @Test("an emergency stop over a started attempt without an intent leaves it unstarted: Blocked, startedAt cleared, nothing recorded")
    func stopBeforeIntentOfStartedAttempt() {
        let result = nextStep(executing(started: true), LifecycleObservations(emergencyStop: ["freeze"], intent: .absent))
        #expect(result.phase == .blocked)
        #expect(result.executeOrder == nil)
        #expect(result.status.execution?.startedAt == nil)
        #expect(!result.effects.contains { if case .recordIntent = $0 { true } else { false } })
    }

    @Test("a stop that lands between the status write and the executor's call blocks on EmergencyStop, not as a restart")
    func stopAtTheExecutorsGate() {
        let result = nextStep(executing(started: true), LifecycleObservations(
            emergencyStop: ["freeze"], intent: .recorded(LifecycleFixture.pendingEntry()), appliedCheck: .notApplied))
        #expect(result.phase == .blocked)
        #expect(result.condition(LifecycleCondition.policyAllowed)?.reason == "EmergencyStop")
        #expect(result.completion?.state == .abandoned)
        #expect(result.completion?.message.contains("emergency stop") == true)
        #expect(result.status.execution?.startedAt == nil)
        #expect(!result.events.contains { $0.message.contains("operator restart") })
        #expect(result.executeOrder == nil)
    }

    @Test("a started action found partly applied (a drain cut short) is recorded Failed with what is left, and a new attempt finishes it")
    func crashRecoveryPartlyApplied() throws {
        let left = "Node n1 carries ballast.dev/last-action-id=x; 2 pod(s) still to evict: shop/web-0, shop/web-1"
        let result = nextStep(executing(started: true), LifecycleObservations(
            intent: .recorded(LifecycleFixture.pendingEntry()), appliedCheck: .partiallyApplied(left)))
        #expect(result.completion?.state == .failed)
        #expect(result.completion?.message.contains("still to evict: shop/web-0, shop/web-1") == true)
        #expect(result.phase == .blocked)
        #expect(result.condition(LifecycleCondition.executed)?.reason == "Interrupted")
        #expect(result.executeOrder == nil, "never the same actionId again")
        var request = executing(started: true)
        request.status = result.status
        let resumed = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent), at: LifecycleFixture.now + 1)
        #expect(try #require(resumed.executeOrder).actionId == LifecycleFixture.actionId(2))
    }

    @Test("a started action found applied is adopted as succeeded")
    func crashRecoveryApplied() {
        let result = nextStep(executing(started: true), LifecycleObservations(
            intent: .recorded(LifecycleFixture.pendingEntry()), appliedCheck: .applied("ballast.dev/last-action-id matches")))
        #expect(result.phase == .verifying)
        #expect(result.condition(LifecycleCondition.executed)?.reason == "AlreadyApplied")
        #expect(result.completion?.state == .succeeded)
        #expect(result.executeOrder == nil)
    }

    @Test("a started action found not applied is abandoned and retried as a new attempt later")
    func crashRecoveryNotApplied() throws {
        let result = nextStep(executing(started: true), LifecycleObservations(intent: .recorded(LifecycleFixture.pendingEntry()), appliedCheck: .notApplied))
        #expect(result.completion?.state == .abandoned)
        #expect(result.phase == .blocked)
        #expect(result.executeOrder == nil)
        var request = executing(started: true)
        request.status = result.status
        let resumed = nextStep(request, LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent), at: LifecycleFixture.now + 1)
        #expect(try #require(resumed.executeOrder).actionId == LifecycleFixture.actionId(2))
    }

    @Test("a completed entry left by a crash is adopted without touching target or history", arguments: [
        (EntryState.succeeded, RemediationPhase.verifying), (.dryRun, .completed), (.failed, .failed), (.abandoned, .blocked),
    ])
    func adoptsCompletedEntry(state: EntryState, phase: RemediationPhase) {
        var entry = LifecycleFixture.pendingEntry()
        entry.state = state
        let result = nextStep(executing(started: true), LifecycleObservations(intent: .recorded(entry)))
        #expect(result.phase == phase)
        #expect(result.executeOrder == nil)
        #expect(!result.effects.contains { if case .checkApplied = $0 { true } else { false } })
        #expect(!result.events.isEmpty)
    }

    @Test("outcomes", arguments: [
        (ExecutionObservation.Result.succeeded(alreadyApplied: false), false, RemediationPhase.verifying, EntryState.succeeded, "Succeeded"),
        (.succeeded(alreadyApplied: true), false, .verifying, .succeeded, "AlreadyApplied"),
        (.succeeded(alreadyApplied: false), true, .completed, .dryRun, "DryRun"),
        (.refused(reason: "HPAOwned"), false, .failed, .abandoned, "HPAOwned"),
        (.blockedByDisruptionBudget, false, .blocked, .abandoned, "BlockedByDisruptionBudget"),
        (.failed(transient: true), false, .blocked, .failed, "ExecutionFailed"),
        (.failed(transient: false), false, .failed, .failed, "ExecutionFailed"),
    ])
    func outcomes(result: ExecutionObservation.Result, dryRun: Bool, phase: RemediationPhase, entry: EntryState, reason: String) throws {
        let next = nextStep(executing(started: true, dryRun: dryRun), LifecycleObservations(
            intent: .recorded(LifecycleFixture.pendingEntry()), execution: LifecycleFixture.outcome(result)))
        #expect(next.phase == phase)
        #expect(next.completion?.state == entry)
        let condition = try #require(next.condition(LifecycleCondition.executed))
        #expect(condition.reason == reason)
        #expect(next.events.map(\.reason) == [reason])
        #expect(next.status.execution?.finishedAt == LifecycleFixture.now)
        guard let completionIndex = next.effects.firstIndex(where: { if case .completeHistoryEntry = $0 { true } else { false } }),
            let statusIndex = next.effects.firstIndex(where: { if case .updateStatus = $0 { true } else { false } })
        else {
            Issue.record("expected a history completion and a status write")
            return
        }
        #expect(completionIndex < statusIndex, "history is completed before the status moves on")
    }

    @Test("transient failures retry with backoff until the attempts are used up, then escalate")
    func retriesThenEscalates() {
        let first = nextStep(executing(attempt: 1, started: true), LifecycleObservations(
            intent: .recorded(LifecycleFixture.pendingEntry(1)), execution: LifecycleFixture.outcome(.failed(transient: true), attempt: 1)))
        #expect(first.requeueAfter == 30)
        #expect(first.status.policy?.retryAfter == LifecycleFixture.now + 30)
        let second = nextStep(executing(attempt: 2, started: true), LifecycleObservations(
            intent: .recorded(LifecycleFixture.pendingEntry(2)), execution: LifecycleFixture.outcome(.failed(transient: true), attempt: 2)))
        #expect(second.requeueAfter == 60)
        let last = nextStep(executing(attempt: 3, started: true), LifecycleObservations(
            intent: .recorded(LifecycleFixture.pendingEntry(3)), execution: LifecycleFixture.outcome(.failed(transient: true), attempt: 3)))
        #expect(last.phase == .escalated)
        #expect(last.events.map(\.reason) == ["RepeatedFailure"])
    }

    @Test("an outcome for another actionId is ignored")
    func foreignOutcome() {
        let result = nextStep(executing(started: true), LifecycleObservations(
            intent: .recorded(LifecycleFixture.pendingEntry()), execution: LifecycleFixture.outcome(.succeeded(alreadyApplied: false), attempt: 2)))
        #expect(result.effects == [.checkApplied(actionId: LifecycleFixture.actionId(1), target: LifecycleFixture.web)])
    }

    @Test("inconsistent statuses fail explicitly without executing", arguments: [
        LifecycleFixture.status(.executing),
        LifecycleFixture.status(.executing, execution: ExecutionStatus(actionId: "not-ours")),
        RemediationRequestStatus(phase: .analyzing),
        RemediationRequestStatus(phase: .verifying),
    ])
    func inconsistent(status: RemediationRequestStatus) {
        let result = nextStep(LifecycleFixture.request(LifecycleFixture.alertSpec, status), LifecycleObservations(verdict: LifecycleFixture.allowed, intent: .absent))
        #expect(result.phase == .failed)
        #expect(result.executeOrder == nil)
        #expect(result.condition(LifecycleCondition.executed)?.reason == "InconsistentStatus")
    }
}

@Suite("Lifecycle: misuse cannot cause a second execution")
struct LifecycleMisuseTests {
    @Test("an outcome passed with a status from before startedAt is recorded, not executed again")
    func staleStatusWithOutcome() {
        let request = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.executing(started: false))
        let result = nextStep(request, LifecycleObservations(
            intent: .recorded(LifecycleFixture.pendingEntry()), execution: LifecycleFixture.outcome(.succeeded(alreadyApplied: false))))
        #expect(result.executeOrder == nil)
        #expect(result.phase == .verifying)
        #expect(result.status.execution?.startedAt == LifecycleFixture.now)
    }
}

@Suite("Lifecycle: read-only actions")
struct LifecycleReadOnlyTests {
    @Test("collect_diagnostics completes after it ran, without waiting for the alert")
    func diagnosticsComplete() {
        var status = LifecycleFixture.executing(started: true)
        status.decision = LifecycleFixture.decision(.collectDiagnostics)
        let result = nextStep(LifecycleFixture.request(LifecycleFixture.alertSpec, status), LifecycleObservations(
            intent: .recorded(LifecycleFixture.pendingEntry()), execution: LifecycleFixture.outcome(.succeeded(alreadyApplied: false))))
        #expect(result.phase == .completed)
        #expect(result.completion?.state == .succeeded)
        #expect(result.requeueAfter == nil)
    }
}
