import BallastAPI
import Foundation

/// What a deleted request leaves to record before its finalizer goes: the Pending
/// ActionHistory entry of its current action, if any, completed from what the target shows.
/// Pure.
///
/// Guarantees: a Pending entry never outlives its request. An action that never started (no
/// `execution.startedAt`) or that the target does not show is `Abandoned`; one the target shows
/// is `Succeeded`; a started dry run, which leaves nothing to show, is `DryRun`. Anything
/// already finished is left alone.
public enum DeletionSettlement {
    /// The completion to write for `entry` (the history entry of the request's current
    /// actionId) given whether the target shows it applied; `nil` when nothing is pending.
    /// `partly`: what a partially applied action left undone (``AppliedCheck/partiallyApplied(_:)``):
    /// such an entry is `Failed` with that said.
    public static func completion(
        execution: ExecutionStatus, entry: ActionEntry?, applied: Bool, partly: String? = nil, now: Date
    ) -> HistoryCompletion? {
        guard let entry, entry.state == .pending, entry.actionId == execution.actionId else { return nil }
        let started = execution.startedAt != nil
        if started, let partly {
            return HistoryCompletion(
                actionId: entry.actionId, state: .failed, finishedAt: now,
                message: "request deleted; the action was interrupted after changing part of the target: \(partly)")
        }
        // A dry run leaves no stamp to show: once started, it ran (and, as every dry run,
        // opens the cooling-off window it rehearsed).
        let dryRun = execution.dryRun == true
        let state: EntryState = started && dryRun ? .dryRun : (started && applied ? .succeeded : .abandoned)
        let message = switch (started, applied || dryRun) {
        case (false, _): "request deleted before the action started"
        case (true, false): "request deleted; the target does not show the action"
        case (true, true): dryRun ? "request deleted after its dry run started" : "request deleted; the target shows the action applied"
        }
        return HistoryCompletion(actionId: entry.actionId, state: state, finishedAt: now, message: message)
    }
}
