/// Severity of an alert, as Alertmanager labels it (`severity` label).
public enum AlertSeverity: String, APIEnum, Comparable {
    case info
    case warning
    case critical

    /// `info < warning < critical`.
    public static func < (lhs: AlertSeverity, rhs: AlertSeverity) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Where the chosen action came from.
public enum DecisionSource: String, APIEnum {
    /// A language model chose it.
    case llm = "LLM"
    /// The deterministic rules chose it.
    case rules = "Rules"
    /// A cached earlier decision for the same situation.
    case cache = "Cache"
    /// The request named it (`spec.action`); no decision was made.
    case requested = "Requested"
}

/// The outcome of the policy check.
public enum PolicyVerdict: String, APIEnum, Comparable {
    case allowed = "Allowed"
    case requiresApproval = "RequiresApproval"
    case denied = "Denied"

    /// Orders by restrictiveness: `Allowed < RequiresApproval < Denied`.
    public static func < (lhs: PolicyVerdict, rhs: PolicyVerdict) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Why a policy check did not simply allow an action (`status.policy.reasons[].code`).
public enum PolicyReasonCode: String, APIEnum {
    case emergencyStop = "EmergencyStop"
    case dryRunMode = "DryRunMode"
    case namespaceExcluded = "NamespaceExcluded"
    case targetNotSelected = "TargetNotSelected"
    case actionNotAllowed = "ActionNotAllowed"
    case limitExceeded = "LimitExceeded"
    case lowConfidence = "LowConfidence"
    case coolingOff = "CoolingOff"
    case rateLimited = "RateLimited"
    case maxConcurrent = "MaxConcurrent"
    case circuitOpen = "CircuitOpen"
    case oscillationDetected = "OscillationDetected"
    /// The policy's allow-list entry or the request's mode asks for a person's approval.
    case approvalRequired = "ApprovalRequired"
    /// The action's parameters or target kind do not fit the catalog's schema.
    case invalidParameters = "InvalidParameters"
    /// A matching SafetyPolicy is invalid; Ballast fails closed until it is fixed.
    case policyInvalid = "PolicyInvalid"
}

/// Outcome of an executed action.
public enum ExecutionResult: String, APIEnum {
    case succeeded = "Succeeded"
    case failed = "Failed"
}

/// Whether an alert is firing or resolved at one observation.
public enum AlertState: String, APIEnum {
    case firing = "Firing"
    case resolved = "Resolved"
}
