import BallastAPI
import Foundation
import KubeTypes

/// The one-line "why" of a request in its current phase, shared by `status` (its REASON
/// column) and `explain` (its headline), so both always say the same thing.
public enum RequestReason {
    /// A short reason for `request`'s phase, e.g. `CoolingOff until 2026-11-20T14:16:00Z (in
    /// 4m)`, `needs approval: LowConfidence`, or the execution message of a finished request.
    public static func summary(of request: RemediationRequest, now: Date) -> String {
        let status = request.status
        let policy = status?.policy
        let codes = (policy?.reasons ?? []).map(\.code.rawValue)
        switch status?.phase {
        case nil:
            return "not yet picked up by an operator"
        case .blocked?:
            let until = policy?.retryAfter.map { " until \(RelativeTime.exact($0, now: now))" } ?? ""
            return (codes.isEmpty ? "blocked" : codes.joined(separator: ", ")) + until
        case .awaitingApproval?:
            return "needs approval" + (codes.isEmpty ? "" : ": " + codes.joined(separator: ", "))
        case .failed?, .escalated?, .skipped?:
            return status?.execution?.message ?? latestFalseCondition(status)?.message
                ?? (codes.isEmpty ? "-" : codes.joined(separator: ", "))
        case .completed?, .verifying?, .executing?:
            return status?.execution?.message ?? "-"
        case .pending?, .analyzing?:
            return latestCondition(status)?.message ?? "-"
        }
    }

    /// The condition that changed last.
    static func latestCondition(_ status: RemediationRequestStatus?) -> Condition? {
        (status?.conditions ?? []).max { $0.lastTransitionTime < $1.lastTransitionTime }
    }

    /// The `False` condition that changed last (what went wrong most recently).
    static func latestFalseCondition(_ status: RemediationRequestStatus?) -> Condition? {
        (status?.conditions ?? []).filter { $0.status == .false }.max { $0.lastTransitionTime < $1.lastTransitionTime }
    }
}
