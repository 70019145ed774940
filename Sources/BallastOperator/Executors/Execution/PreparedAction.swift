import BallastAPI
import KubeClient

/// The result of reading and planning, before anything is written: either a plan ready to
/// apply, or an outcome reached without writing (refused, already applied, a failed read).
public enum PreparedAction: Sendable, Hashable {
    /// Apply this plan, computed from this input.
    case ready(PlanningInput, ExecutionPlan)
    /// Finished without writing.
    case finished(ExecutionOutcome.Result, message: String, changes: [FieldChange])

    /// A refusal.
    static func refused(_ reason: RefusalReason, _ message: String) -> PreparedAction {
        .finished(.refused(Refusal(reason, message)), message: message, changes: [])
    }

    /// A failed read.
    static func failed(_ error: KubeError, operation: String) -> PreparedAction {
        let failure = ExecutionFailure(code: error.code.rawValue, operation: operation, message: error.message)
        return .finished(.failed(failure), message: failure.description, changes: [])
    }

    /// The outcome of a planner's decision on `input`.
    static func from(_ decision: PlanDecision, input: PlanningInput) -> PreparedAction {
        switch decision {
        case .execute(let plan): return .ready(input, plan)
        case .refuse(let refusal): return .finished(.refused(refusal), message: refusal.description, changes: [])
        case .alreadyApplied(let record):
            return .finished(
                .alreadyApplied, message: "already applied by action \(record.actionId) to \(input.targetDescription)",
                changes: record.changes)
        }
    }
}
