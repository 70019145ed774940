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
