import BallastAPI

/// Plain-word meanings of policy reason codes, for people who do not know the codes.
public enum PolicyReasonText {
    /// What `code` means, as a clause: `the target is cooling off after a recent action`.
    public static func meaning(_ code: PolicyReasonCode) -> String {
        switch code {
        case .emergencyStop: return "an emergency stop is set"
        case .dryRunMode: return "the action may only run as a server-side dry run"
        case .namespaceExcluded: return "the namespace is excluded by policy"
        case .targetNotSelected: return "the target is not selected by the policy's target selector"
        case .actionNotAllowed: return "the action is not on the policy's allow-list"
        case .limitExceeded: return "the parameters exceed the policy's limits"
        case .lowConfidence: return "the decision's confidence is below the policy's minimum"
        case .coolingOff: return "the target is cooling off after a recent action"
        case .rateLimited: return "the policy's rate limit of actions is used up"
        case .maxConcurrent: return "too many remediations are executing at once"
        case .circuitOpen: return "the action's circuit breaker is open after repeated failures"
        case .oscillationDetected: return "oscillation was detected on the target"
        case .approvalRequired: return "a person must approve this action"
        case .invalidParameters: return "the parameters do not fit the action's schema"
        case .policyInvalid: return "a matching SafetyPolicy is invalid, so Ballast fails closed"
        }
    }

    /// The meanings of `reasons`, joined: `an emergency stop is set and the target is cooling
    /// off after a recent action`.
    public static func meanings(_ reasons: [PolicyReason]) -> String {
        let clauses = reasons.map { meaning($0.code) }
        switch clauses.count {
        case 0: return "no reason was recorded"
        case 1: return clauses[0]
        default: return clauses.dropLast().joined(separator: ", ") + " and " + (clauses.last ?? "")
        }
    }
}
