import BallastAPI
import Foundation
import KubeTypes

/// What `approve` and `reject` write on a RemediationRequest and when they refuse: pure values
/// and checks, no I/O.
///
/// The answer goes in `spec.approval` (`decision`, `by`), the only mutable spec field. The CRD
/// has no field for a reason or a time, so they are recorded as annotations next to it.
public struct ApprovalChange: Sendable, Hashable {
    /// Annotation holding the `--reason` of the answer.
    public static let reasonAnnotation = "ballast.dev/approval-reason"
    /// Annotation holding when the answer was given (RFC 3339 UTC).
    public static let atAnnotation = "ballast.dev/approval-at"

    /// `Approved` or `Rejected`.
    public var decision: ApprovalDecision
    /// Who answers.
    public var by: String
    /// Why (optional).
    public var reason: String?
    /// When.
    public var at: Date
    /// Record the answer even when the request is not `AwaitingApproval`.
    public var force: Bool

    /// Creates a change.
    public init(decision: ApprovalDecision, by: String, reason: String?, at: Date, force: Bool = false) {
        self.decision = decision
        self.by = by
        self.reason = reason
        self.at = at
        self.force = force
    }

    /// What to do with a request.
    public enum Check: Sendable, Hashable {
        /// Write the answer.
        case write
        /// The same answer is already recorded; nothing to write.
        case alreadyAnswered(Approval)
        /// Refuse, with a sentence naming the request and why.
        case refuse(String)
    }

    /// Decides whether the answer may be written on `request`: never over a different
    /// recorded answer, and only while it awaits one — `AwaitingApproval`, or `Blocked` with an
    /// approval reason (`ApprovalRequired`, `LowConfidence`) among others — unless ``force``.
    public func check(_ request: RemediationRequest) -> Check {
        let name = "remediationrequest \(request.metadata.namespace ?? "")/\(request.metadata.name ?? "")"
        if let existing = request.spec.approval {
            if existing.decision == decision { return .alreadyAnswered(existing) }
            let who = existing.by.map { " by \($0)" } ?? ""
            return .refuse("\(name) was already \(existing.decision.rawValue.lowercased())\(who); an answer cannot be changed")
        }
        guard !force else { return .write }
        switch request.status?.phase {
        case .awaitingApproval?:
            return .write
        case .blocked? where Self.needsApproval(request):
            // Blocked for a time-bound reason and waiting for a person too: answering now
            // lets it run (or not) as soon as the other reason clears.
            return .write
        case nil:
            return .refuse("\(name) has no status yet: no operator has analyzed it, so it is not awaiting approval (--force records the answer anyway)")
        case let phase?:
            return .refuse("\(name) is \(phase.rawValue), not AwaitingApproval: there is nothing to \(verb) (--force records the answer anyway)")
        }
    }

    /// Whether the policy verdict on `request` asks for a person's approval.
    static func needsApproval(_ request: RemediationRequest) -> Bool {
        (request.status?.policy?.reasons ?? []).contains { $0.code == .approvalRequired || $0.code == .lowConfidence }
    }

    /// `approve` or `reject`.
    public var verb: String { decision == .approved ? "approve" : "reject" }

    /// The JSON merge patch, guarded by `resourceVersion` so that it fails with a conflict if
    /// the request changed since it was checked.
    public func mergePatch(resourceVersion: String?) -> JSONValue {
        var metadata: [String: JSONValue] = [
            "annotations": [
                Self.reasonAnnotation: reason.map(JSONValue.string) ?? .null,
                Self.atAnnotation: .string(KubeTime.format(at)),
            ],
        ]
        if let resourceVersion { metadata["resourceVersion"] = .string(resourceVersion) }
        return [
            "metadata": .object(metadata),
            "spec": ["approval": ["decision": .string(decision.rawValue), "by": .string(by)]],
        ]
    }
}
