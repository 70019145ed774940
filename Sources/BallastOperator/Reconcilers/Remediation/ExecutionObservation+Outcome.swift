import BallastAPI
import KubeClient

extension ExecutionObservation {
    /// The error codes after which a new attempt may succeed: timeouts, 429, 5xx, transport
    /// failures and conflicts the executor could not re-plan.
    static let transientCodes: Set<String> = Set(
        [KubeError.Code.timeout, .tooManyRequests, .serverError, .transport, .conflict].map(\.rawValue))

    /// The lifecycle's view of an executor outcome, mapped exactly as the type's documentation
    /// says: succeeded / already applied → `succeeded`, a refusal → `refused` with its reason,
    /// a PodDisruptionBudget → `blockedByDisruptionBudget`, a failure → `failed`, transient
    /// for ``transientCodes``. A `collect_diagnostics` summary is carried for
    /// `status.diagnostics`, and its brief is appended to the message (see
    /// ``BallastAPI/DiagnosticsStatus/brief``).
    public init(_ outcome: ExecutionOutcome) {
        let result: Result
        switch outcome.result {
        case .succeeded: result = .succeeded(alreadyApplied: false)
        case .alreadyApplied: result = .succeeded(alreadyApplied: true)
        case .refused(let refusal): result = .refused(reason: refusal.reason.rawValue)
        case .blockedByDisruptionBudget: result = .blockedByDisruptionBudget
        case .failed(let failure): result = .failed(transient: Self.transientCodes.contains(failure.code))
        }
        let message = outcome.diagnostics.map { "\(outcome.message): \($0.brief)" } ?? outcome.message
        self.init(
            actionId: outcome.actionId, result: result, message: message, changes: outcome.changes,
            before: outcome.before, after: outcome.after, diagnostics: outcome.diagnostics)
    }
}
