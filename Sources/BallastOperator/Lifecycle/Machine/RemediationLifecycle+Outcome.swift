import BallastAPI
import BallastCore
import Foundation
import KubeTypes

/// How an execution ends: Verifying, Completed (dry run, read-only action), Failed, a retry, or Escalated.
extension LifecycleTransition {
    /// Records the executor's outcome in the history first, then in the status; what
    /// `collect_diagnostics` found goes to `status.diagnostics`.
    mutating func finish(_ outcome: ExecutionObservation) {
        guard let execution = status.execution else { return }
        let dryRun = execution.dryRun ?? true
        let state: EntryState
        switch outcome.result {
        case .succeeded: state = dryRun ? .dryRun : .succeeded
        case .refused: state = .abandoned
        case .blockedByDisruptionBudget: state = outcome.changes.isEmpty ? .abandoned : .failed
        case .failed: state = .failed
        }
        perform(.completeHistoryEntry(HistoryCompletion(
            actionId: execution.actionId, state: state, finishedAt: now, message: outcome.message,
            before: outcome.before, after: outcome.after)))
        status.execution?.startedAt = execution.startedAt ?? now
        status.execution?.finishedAt = now
        status.execution?.message = outcome.message
        status.execution?.changes = outcome.changes.isEmpty ? nil : outcome.changes
        status.execution?.result = state == .succeeded || state == .dryRun ? .succeeded : .failed
        if let diagnostics = outcome.diagnostics { status.diagnostics = diagnostics }
        let what = "\(status.decision?.action.rawValue ?? "action") on \(status.target.map(describe) ?? "the target")"
        let allowedBy = status.policy == nil ? "" : "; allowed by SafetyPolicy \(allowingPolicies)"
        switch outcome.result {
        case .succeeded(let alreadyApplied):
            succeed(dryRun: dryRun, reason: alreadyApplied ? "AlreadyApplied" : (dryRun ? "DryRun" : "Succeeded"),
                    message: "\(what): \(outcome.message) (actionId \(execution.actionId)\(allowedBy))")
        case .refused(let reason):
            transition(to: .failed, condition: LifecycleCondition.executed, .false, reason: reason,
                       message: "Executor refused \(what): \(outcome.message)", event: .warning)
        case .blockedByDisruptionBudget:
            retry(reason: "BlockedByDisruptionBudget", message: "\(what): \(outcome.message)",
                  after: settings.disruptionBudgetRetry)
        case .failed(let transient):
            let message = "\(what) failed: \(outcome.message)"
            if transient {
                retry(reason: "ExecutionFailed", message: message, after: settings.backoff(after: attempt(of: execution.actionId) ?? 1))
            } else {
                transition(to: .failed, condition: LifecycleCondition.executed, .false, reason: "ExecutionFailed",
                           message: message, event: .warning)
            }
        }
    }

    /// A completed entry for the current actionId (the status write after completing it was
    /// lost): take its result over without touching the target or the history again.
    mutating func adopt(_ entry: ActionEntry) {
        let message = entry.message ?? "recorded as \(entry.state.rawValue) in ActionHistory"
        status.execution?.finishedAt = entry.finishedAt ?? now
        status.execution?.message = message
        switch entry.state {
        case .succeeded, .dryRun:
            status.execution?.result = .succeeded
            succeed(dryRun: entry.state == .dryRun, reason: entry.state == .dryRun ? "DryRun" : "Succeeded",
                    message: "\(entry.action.rawValue): \(message) (actionId \(entry.actionId))")
        case .failed:
            status.execution?.result = .failed
            transition(to: .failed, condition: LifecycleCondition.executed, .false, reason: "ExecutionFailed",
                       message: "\(entry.action.rawValue) failed: \(message)", event: .warning)
        case .abandoned:
            retry(reason: "Abandoned", message: "\(entry.actionId) was abandoned: \(message)", after: 0)
        case .pending:
            inconsistent("adopting a Pending entry \(entry.actionId)")
        }
    }

    /// Succeeded: Verifying. A dry run or a read-only action (collect_diagnostics) changed
    /// nothing that could fix the alert, so it completes at once without verification.
    private mutating func succeed(dryRun: Bool, reason: String, message: String) {
        let readOnly = status.decision.map { !ActionCatalog.mutating.contains($0.action) } ?? false
        if dryRun || readOnly {
            transition(to: .completed, condition: LifecycleCondition.executed, .true, reason: reason,
                       message: (dryRun ? "Dry run of " : "Executed ") + message, event: .normal)
        } else {
            transition(to: .verifying, condition: LifecycleCondition.executed, .true, reason: reason,
                       message: "Executed \(message)", event: .normal)
            requeue(after: settings.verificationPoll)
        }
    }

    /// Blocked until `now + delay`, then a new attempt through the policy check; Escalated when
    /// the attempts are used up.
    mutating func retry(reason: String, message: String, after delay: TimeInterval) {
        let used = status.execution.flatMap { attempt(of: $0.actionId) } ?? settings.maxAttempts
        guard used < settings.maxAttempts else {
            escalateRepeatedFailure(last: message)
            return
        }
        let retryAt = now.addingTimeInterval(delay)
        status.policy?.retryAfter = retryAt
        transition(to: .blocked, condition: LifecycleCondition.executed, .false, reason: reason,
                   message: "\(message); attempt \(used + 1) of \(settings.maxAttempts) after \(KubeTime.format(retryAt))",
                   event: .warning)
        requeue(after: delay)
    }

    /// Every attempt failed: a person must act.
    mutating func escalateRepeatedFailure(last: String? = nil) {
        transition(to: .escalated, condition: LifecycleCondition.executed, .false, reason: "RepeatedFailure",
                   message: "All \(settings.maxAttempts) attempts failed" + (last.map { "; last: \($0)" } ?? ""),
                   event: .warning)
    }
}
