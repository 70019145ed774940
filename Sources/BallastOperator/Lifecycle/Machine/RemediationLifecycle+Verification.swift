import BallastAPI
import BallastCore
import Foundation
import KubeTypes

/// Verifying: wait for the alert to resolve or the window to pass, then score the action.
extension LifecycleTransition {
    /// Completed when the alert resolved (or, without an alert, the target is healthy when the
    /// window ends); Failed when the window ends otherwise. Scores the ActionHistory entry.
    mutating func verifying() {
        guard let execution = status.execution, let target = status.target else {
            inconsistent("phase Verifying without status.execution and status.target")
            return
        }
        guard let signal = observations.verification else {
            gather(.verification(target: target))
            return
        }
        let deadline = (execution.finishedAt ?? now).addingTimeInterval(settings.verificationWindow)
        let hasAlert = request.spec.alert != nil
        let resolved = signal.alertResolvedAt != nil
        guard resolved || now >= deadline else {
            requeue(after: min(settings.verificationPoll, deadline.timeIntervalSince(now)))
            return
        }
        // A resolution stamped before the action started (Alertmanager's `endsAt` can predate
        // the notification) completes the request but earns the action no credit.
        let resolvedByAction = signal.alertResolvedAt.map { $0 >= (execution.startedAt ?? .distantPast) } ?? false
        let effectiveness = EffectivenessScore.score(EffectivenessSignals(
            alertResolved: resolvedByAction || !hasAlert, targetHealthy: signal.targetHealthy, recurred: signal.recurred,
            newAlerts: signal.newAlerts))
        status.verification = VerificationStatus(
            alertResolved: hasAlert ? resolved : nil, resolvedAt: signal.alertResolvedAt, effectiveness: effectiveness)
        perform(.completeHistoryEntry(HistoryCompletion(
            actionId: execution.actionId, state: .succeeded, finishedAt: execution.finishedAt ?? now,
            message: execution.message ?? "", effectiveness: effectiveness)))
        let score = "effectiveness \(Self.ratio(effectiveness))"
        if resolved, let at = signal.alertResolvedAt {
            let before = resolvedByAction ? "" : " (before the action started)"
            transition(to: .completed, condition: LifecycleCondition.verified, .true, reason: "AlertResolved",
                       message: "Alert resolved at \(KubeTime.format(at))\(before); \(score)", event: .normal)
        } else if !hasAlert && signal.targetHealthy {
            transition(to: .completed, condition: LifecycleCondition.verified, .true, reason: "TargetHealthy",
                       message: "\(describe(target)) is healthy after the verification window; \(score)", event: .normal)
        } else {
            let reason = hasAlert ? "AlertNotResolved" : "TargetUnhealthy"
            let what = hasAlert ? "the alert still fires" : "\(describe(target)) is unhealthy"
            transition(to: .failed, condition: LifecycleCondition.verified, .false, reason: reason,
                       message: "Verification window ended at \(KubeTime.format(deadline)) and \(what); \(score)",
                       event: .warning)
        }
    }
}
