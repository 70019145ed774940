import BallastAPI
import Foundation
import KubeClient

/// `kubectl ballast approve|reject <request>`: records a person's answer in `spec.approval`
/// after checking the request is awaiting one (see ``ApprovalChange/check(_:)``).
public struct ApprovalVerb: Sendable {
    /// The connection.
    public var session: CtlSession
    /// The request's name (in the session's namespace).
    public var requestName: String

    /// How often a write that lost a race with the operator (409) is re-checked and retried.
    static let attempts = 3

    /// Creates the verb.
    public init(session: CtlSession, requestName: String) {
        self.session = session
        self.requestName = requestName
    }

    /// Checks and writes `change`.
    /// - Returns: The request after the write (or as read, when the same answer was already
    ///   recorded) and whether anything was written.
    /// - Throws: ``CtlError``: `.refused` when the request does not accept the answer,
    ///   `.notFound`, `.forbidden` or `.api` otherwise.
    public func run(_ change: ApprovalChange) async throws(CtlError) -> ApprovalResult {
        let reader = RequestReader(session: session)
        let object = ObjectName(kind: "remediationrequest", namespace: session.namespace, name: requestName)
        for _ in 1...Self.attempts {
            let request = try await reader.read(requestName)
            switch change.check(request) {
            case .refuse(let message):
                throw CtlError(.refused, message)
            case .alreadyAnswered:
                return ApprovalResult(change: change, request: request, written: false)
            case .write:
                do throws(KubeError) {
                    let updated = try await session.client.patch(
                        RemediationRequest.self, .remediationRequests, name: requestName, namespace: session.namespace,
                        .merge(change.mergePatch(resourceVersion: request.metadata.resourceVersion)),
                        fieldManager: CtlSession.fieldManager)
                    return ApprovalResult(change: change, request: updated, written: true)
                } catch where error.code == .conflict {
                    continue
                } catch {
                    throw CtlError(error, object: object, verb: "patch")
                }
            }
        }
        throw CtlError(.api, "\(object) kept changing while recording the answer (\(Self.attempts) conflicts); try again")
    }
}

/// What `approve` or `reject` did; `-o json|yaml` print ``request``.
public struct ApprovalResult: Sendable, Hashable {
    /// The answer.
    public var change: ApprovalChange
    /// The request after the write.
    public var request: RemediationRequest
    /// `false` when the same answer was already recorded.
    public var written: Bool

    /// A sentence for a person.
    public func render() -> String {
        let name = "remediationrequest \(request.metadata.namespace ?? "")/\(request.metadata.name ?? "")"
        let done = change.decision == .approved ? "approved" : "rejected"
        guard written else {
            let who = request.spec.approval?.by.map { " by \($0)" } ?? ""
            return "\(name) was already \(done)\(who); nothing changed."
        }
        let action = (request.status?.decision?.action ?? request.spec.action?.name)?.rawValue ?? "its action"
        let next = change.decision == .approved
            ? "the operator executes \(action) if the SafetyPolicies still allow it (`kubectl ballast explain \(request.metadata.name ?? "")` follows it)."
            : "the operator will not execute \(action)."
        return "\(name) \(done) by \(change.by): \(next)"
    }
}
