import BallastAPI
import Foundation

/// What a deleted request leaves to record before its finalizer goes: the Pending
/// ActionHistory entry of its current action, if any, completed from what the target shows.
/// Pure.
///
/// Guarantees: a Pending entry never outlives its request. An action that never started (no
/// `execution.startedAt`) or that the target does not show is `Abandoned`; one the target shows
/// is `Succeeded`; one it shows cut short is `Failed`, saying what is left; a started dry run,
/// which leaves nothing to show, is `DryRun`. Anything already finished is left alone.
public enum DeletionSettlement {
    /// The completion to write for `entry` (the history entry of the request's current
    /// actionId) given what the target shows of it (`shows`; ``AppliedCheck/notApplied`` when
    /// it was not asked); `nil` when nothing is pending.
    public static func completion(
        execution: ExecutionStatus, entry: ActionEntry?, shows: AppliedCheck, now: Date
    ) -> HistoryCompletion? {
        guard let entry, entry.state == .pending, entry.actionId == execution.actionId else { return nil }
        let started = execution.startedAt != nil
        if started, case .partiallyApplied(let left) = shows {
            return HistoryCompletion(
                actionId: entry.actionId, state: .failed, finishedAt: now,
                message: "request deleted; the action was interrupted after changing part of the target: \(left)")
        }
        let applied = if case .applied = shows { true } else { false }
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
