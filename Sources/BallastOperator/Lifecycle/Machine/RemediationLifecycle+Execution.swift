import BallastAPI
import Foundation
import KubeTypes

/// Executing: intent first, execute once, adopt what a crash left behind.
extension LifecycleTransition {
    /// The attempt (1-based) whose actionId is `actionId`; `nil` when none is. Searches beyond
    /// ``LifecycleSettings/maxAttempts`` (up to ``attemptSearchLimit``) so that lowering the
    /// setting never orphans an action in flight.
    func attempt(of actionId: String) -> Int? {
        (1...max(settings.maxAttempts, Self.attemptSearchLimit)).first { ActionID.make(requestUID: uid, attempt: $0) == actionId }
    }

    /// How many attempts' actionIds are recognised.
    static let attemptSearchLimit = 32

    /// Fails on an actionId that is none of this request's attempts (never executes it).
    private mutating func foreignActionId(_ actionId: String) {
        inconsistent("status.execution.actionId \(actionId) is none of this request's attempts")
    }

    /// Allowed (or approved): a new attempt with a fresh actionId, its intent, its execution.
    mutating func startExecution(approvedBy: String?) {
        var previous = 0
        if let current = status.execution?.actionId {
            guard let number = attempt(of: current) else {
                foreignActionId(current)
                return
            }
            previous = number
        }
        guard previous < settings.maxAttempts else {
            escalateRepeatedFailure()
            return
        }
        let dryRun = status.policy?.dryRun ?? true
        let actionId = ActionID.make(requestUID: uid, attempt: previous + 1)
        // `startedAt` goes out with the status that names the actionId: one write before the
        // intent instead of a second one between intent and execution. Recovery reads it as
        // "may have run" and checks the target, so a crash before the execution costs at most
        // this attempt, never a second execution.
        status.execution = ExecutionStatus(actionId: actionId, dryRun: dryRun, startedAt: now)
        let reason = approvedBy == nil ? (dryRun ? "DryRunOnly" : "Allowed") : "Approved"
        let message = (approvedBy.map { "approved by \($0); " } ?? "")
            + "allowed by SafetyPolicy \(allowingPolicies)" + (dryRun ? " as a server-side dry run" : "")
            + " (attempt \(previous + 1), actionId \(actionId))"
        // Without a person's approval no Event: the outcome's, moments later, names the policy.
        transition(to: .executing, condition: LifecycleCondition.policyAllowed, .true, reason: reason,
                   message: message, event: approvedBy == nil ? nil : .normal)
        writeStatus()
        executing(freshActionId: true)
    }

    /// Executing: records the intent, starts the action once, or finishes it from what was observed.
    ///
    /// `freshActionId`: the actionId was minted by this step, so no intent can exist for it —
    /// an intent is only recorded after a status naming its actionId was written, and this
    /// step's status write (ordered before the intent, conditional on the resourceVersion read)
    /// fails if another reconcile already wrote one. The intent is then known absent without
    /// reading the history.
    ///
    /// `startedAt` with a recorded Pending intent means the action may have run (a crash after
    /// the intent): it is only ever checked. Without an intent nothing ran, whatever
    /// `startedAt` says: the intent is recorded and the action executed. A status without
    /// `startedAt` (written by an earlier version of this lifecycle, which set it after the
    /// intent) gets it written just before the execution.
    mutating func executing(freshActionId: Bool = false) {
        guard let execution = status.execution, let target = status.target, let decision = status.decision else {
            inconsistent("phase Executing without status.execution, status.target and status.decision")
            return
        }
        guard attempt(of: execution.actionId) != nil else {
            foreignActionId(execution.actionId)
            return
        }
        // An outcome for the current actionId proves it ran, even if the caller passed a status
        // from before `startedAt` was written: it is recorded, never executed again.
        if let outcome = observations.execution, outcome.actionId == execution.actionId {
            finish(outcome)
            return
        }
        guard let intent = observations.intent ?? (freshActionId ? .absent : nil) else {
            gather(.intent(actionId: execution.actionId))
            return
        }
        let entry: ActionEntry
        switch intent {
        case .recorded(let recorded):
            guard recorded.actionId == execution.actionId else {
                inconsistent("the ActionHistory entry read for \(execution.actionId) has actionId \(recorded.actionId)")
                return
            }
            guard recorded.state == .pending else {
                adopt(recorded)
                return
            }
            guard execution.startedAt == nil else {
                recoverStarted(execution, target: target)
                return
            }
            entry = recorded
        case .absent:
            // Nothing ran: an execution only ever follows its intent's write. A `startedAt`
            // without an intent is a crash between the status write and the intent. After a
            // spec change it stays unstarted until the spec is restored.
            if specChanged { return }
            entry = intentEntry(execution, decision: decision)
            if holdsNewWork { return leaveUnstarted(intentRecorded: false) }
            perform(.recordIntent(entry))
        }
        if holdsNewWork { return leaveUnstarted(intentRecorded: true) }
        if execution.startedAt == nil {
            status.execution?.startedAt = now
            writeStatus()
        }
        perform(.execute(ExecutionOrder(
            actionId: entry.actionId, action: entry.action, parameters: entry.parameters ?? [:], target: target,
            dryRun: execution.dryRun ?? true)))
    }

    /// The SafetyPolicies that allowed the current attempt, for messages ("default" when none is named).
    var allowingPolicies: String {
        let names = status.policy?.policies ?? []
        return names.isEmpty ? "default" : names.joined(separator: ", ")
    }

    /// Whether something forbids starting a new action now: an emergency stop, unless the
    /// decided action is read-only.
    private var holdsNewWork: Bool { decisionMutates && observations.emergencyStopHolds }

    /// The intent was (maybe) recorded but nothing started, and an emergency stop holds:
    /// abandon the intent so it never runs, and block.
    private mutating func leaveUnstarted(intentRecorded: Bool) {
        guard let execution = status.execution else { return }
        status.execution?.startedAt = nil
        if intentRecorded {
            perform(.completeHistoryEntry(HistoryCompletion(
                actionId: execution.actionId, state: .abandoned, finishedAt: now,
                message: "abandoned before execution: emergency stop")))
        }
        blockForEmergencyStop(observations.emergencyStop ?? status.policy?.policies ?? [])
    }

    /// The Pending entry recorded before acting.
    private func intentEntry(_ execution: ExecutionStatus, decision: DecisionStatus) -> ActionEntry {
        ActionEntry(
            actionId: execution.actionId,
            request: RequestReference(name: request.metadata.name ?? "", uid: uid),
            alert: request.spec.alert?.name, action: decision.action, parameters: decision.parameters,
            source: decision.source, confidence: decision.confidence, state: .pending, startedAt: now)
    }

    /// Started before a crash, no outcome this reconcile: only ever check, never execute again.
    private mutating func recoverStarted(_ execution: ExecutionStatus, target: TargetReference) {
        switch observations.appliedCheck {
        case nil:
            checkApplied(execution.actionId, target: target)
        case .applied(let message)?:
            finish(ExecutionObservation(
                actionId: execution.actionId, result: .succeeded(alreadyApplied: true),
                message: "already applied before a restart: \(message)"))
        case .partiallyApplied(let shown)?:
            // It changed part of the target: a failed attempt that says what it did, never an
            // untouched one. The next attempt (through the policy check) finishes the job.
            let message = "\(execution.actionId) was interrupted by an operator restart after changing part of the target: \(shown)"
            perform(.completeHistoryEntry(HistoryCompletion(
                actionId: execution.actionId, state: .failed, finishedAt: now, message: message)))
            retry(reason: "Interrupted", message: message, after: 0)
        case .notApplied? where holdsNewWork:
            // Stopped between the status naming the attempt and the executor's call (the
            // executor's own gate refused it): nothing ran and nothing failed.
            leaveUnstarted(intentRecorded: true)
        case .notApplied?:
            let message = "\(execution.actionId) was started but never reached the target (operator restart)"
            perform(.completeHistoryEntry(HistoryCompletion(
                actionId: execution.actionId, state: .abandoned, finishedAt: now, message: message)))
            retry(reason: "Abandoned", message: message, after: 0)
        }
    }
}
