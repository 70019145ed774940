import Foundation
import KubeTypes

/// `RemediationRequest` (`rr`): one request to remediate one target because of one alert.
///
/// `spec` is immutable after creation except `spec.approval`; `status` is written only by the
/// operator through the `/status` subresource.
public struct RemediationRequest: KubernetesObject, Hashable {
    /// Always `ballast.dev/v1alpha1`.
    public var apiVersion: String
    /// Always `RemediationRequest`.
    public var kind: String
    /// Standard object metadata.
    public var metadata: ObjectMeta
    /// What is asked for.
    public var spec: RemediationRequestSpec
    /// What the operator observed and did; `nil` until it first reconciles.
    public var status: RemediationRequestStatus?

    /// Creates a request with the canonical `apiVersion` and `kind`.
    public init(metadata: ObjectMeta, spec: RemediationRequestSpec, status: RemediationRequestStatus? = nil) {
        self.apiVersion = BallastGroup.apiVersion
        self.kind = ResourceDescriptor.remediationRequests.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// How far a request lets the operator go on its own; a policy may tighten it, never loosen it.
public enum RequestMode: String, APIEnum {
    /// Act when policy allows.
    case auto = "Auto"
    /// Execute only as a server-side dry run.
    case dryRun = "DryRun"
    /// Wait for `spec.approval` before executing.
    case requireApproval = "RequireApproval"
}

/// A person's answer to a request awaiting approval.
public enum ApprovalDecision: String, APIEnum {
    case approved = "Approved"
    case rejected = "Rejected"
}

/// `spec` of a ``RemediationRequest``.
///
/// `alert` is required unless both `action` and `target` are given (a manual request); see
/// ``validationErrors()``.
public struct RemediationRequestSpec: Codable, Sendable, Hashable {
    /// The alert that caused the request.
    public var alert: AlertInfo?
    /// The target; resolved from the alert's labels when absent.
    public var target: TargetReference?
    /// `Auto` when absent.
    public var mode: RequestMode?
    /// An action the requester already chose; skips the decision step (source `Requested`).
    public var action: RequestedAction?
    /// An optional narrowing of the policy's allow-list.
    public var allowedActions: [ActionName]?
    /// The only mutable field: a person's approval or rejection.
    public var approval: Approval?

    /// Creates a spec.
    public init(
        alert: AlertInfo? = nil, target: TargetReference? = nil, mode: RequestMode? = nil,
        action: RequestedAction? = nil, allowedActions: [ActionName]? = nil, approval: Approval? = nil
    ) {
        self.alert = alert
        self.target = target
        self.mode = mode
        self.action = action
        self.allowedActions = allowedActions
        self.approval = approval
    }

    /// The effective mode (`Auto` when unset).
    public var effectiveMode: RequestMode { mode ?? .auto }

    /// Cross-field problems the schema cannot express, each naming the field; empty when valid.
    public func validationErrors() -> [String] {
        var errors: [String] = []
        if alert == nil && (action == nil || target == nil) {
            errors.append("spec.alert: required unless spec.action and spec.target are both set")
        }
        if let alert, alert.name.isEmpty {
            errors.append("spec.alert.name: must not be empty")
        }
        if let target, target.name.isEmpty {
            errors.append("spec.target.name: must not be empty")
        }
        return errors
    }
}

/// The alert a request is about. Its text is data, never instructions.
public struct AlertInfo: Codable, Sendable, Hashable {
    /// `alertname`.
    public var name: String
    /// The `severity` label, when it is one of the known values.
    public var severity: AlertSeverity?
    /// Alertmanager's fingerprint; the deduplication key.
    public var fingerprint: String?
    /// `alertmanager`, `manual` or a tool's name.
    public var source: String?
    /// When the alert started firing.
    public var startsAt: Date?
    /// The alert's labels.
    public var labels: [String: String]?
    /// The alert's annotations (untrusted text).
    public var annotations: [String: String]?

    /// Creates alert information.
    public init(
        name: String, severity: AlertSeverity? = nil, fingerprint: String? = nil, source: String? = nil,
        startsAt: Date? = nil, labels: [String: String]? = nil, annotations: [String: String]? = nil
    ) {
        self.name = name
        self.severity = severity
        self.fingerprint = fingerprint
        self.source = source
        self.startsAt = startsAt
        self.labels = labels
        self.annotations = annotations
    }
}

/// An action named by the requester.
public struct RequestedAction: Codable, Sendable, Hashable {
    /// The catalog action.
    public var name: ActionName
    /// Its parameters, validated against the catalog's schema.
    public var parameters: [String: JSONValue]?

    /// Creates a requested action.
    public init(name: ActionName, parameters: [String: JSONValue]? = nil) {
        self.name = name
        self.parameters = parameters
    }
}

/// A person's approval or rejection of a request.
public struct Approval: Codable, Sendable, Hashable {
    /// `Approved` or `Rejected`.
    public var decision: ApprovalDecision
    /// Who decided.
    public var by: String?

    /// Creates an approval.
    public init(decision: ApprovalDecision, by: String? = nil) {
        self.decision = decision
        self.by = by
    }
}
