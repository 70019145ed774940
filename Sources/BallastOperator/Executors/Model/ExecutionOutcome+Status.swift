import BallastAPI
import Foundation

extension ExecutionOutcome {
    /// The request's `status.execution`, as api.md shapes it.
    /// - Parameters:
    ///   - startedAt: When the executor was called (the reconciler owns the clock).
    ///   - finishedAt: When it returned.
    public func executionStatus(startedAt: Date, finishedAt: Date) -> ExecutionStatus {
        ExecutionStatus(
            actionId: actionId, dryRun: dryRun, startedAt: startedAt, finishedAt: finishedAt,
            result: executionResult, message: message, changes: changes)
    }

    /// The ActionHistory entry state this outcome completes a Pending entry with: `DryRun` for
    /// any dry run, `Succeeded` when applied (now or by an earlier run of the same actionId),
    /// `Failed` otherwise — a refusal or a PDB block included, so the next attempt gets a new
    /// actionId.
    public var historyState: EntryState {
        if dryRun { return .dryRun }
        return executionResult == .succeeded ? .succeeded : .failed
    }

    /// A CamelCase reason for the request's `Executed` condition: `Succeeded`, `AlreadyApplied`,
    /// the refusal reason, `BlockedByDisruptionBudget`, or `Failed`.
    public var reason: String {
        switch result {
        case .succeeded: return "Succeeded"
        case .alreadyApplied: return "AlreadyApplied"
        case .refused(let refusal): return refusal.reason.rawValue
        case .blockedByDisruptionBudget: return "BlockedByDisruptionBudget"
        case .failed: return "Failed"
        }
    }
}
