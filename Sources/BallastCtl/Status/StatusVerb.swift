import BallastAPI
import Foundation
import KubeClient
import KubeTypes

/// `kubectl ballast status`: reads every SafetyPolicy and the requests of one namespace (or
/// all) and builds a ``StatusReport``.
public struct StatusVerb: Sendable {
    /// The connection.
    public var session: CtlSession
    /// List requests across all namespaces instead of the session's namespace.
    public var allNamespaces: Bool
    /// At most this many requests, newest first.
    public var limit: Int

    /// Creates the verb.
    public init(session: CtlSession, allNamespaces: Bool = false, limit: Int = 20) {
        self.session = session
        self.allNamespaces = allNamespaces
        self.limit = limit
    }

    /// `namespace shop` or `all namespaces`, for messages.
    public var scope: String { allNamespaces ? "all namespaces" : "namespace \(session.namespace)" }

    /// Reads the objects and builds the report.
    /// - Throws: ``CtlError`` naming the collection that could not be listed; a forbidden
    ///   list of SafetyPolicies is reported in ``StatusReport/policyError`` instead.
    public func run(now: Date = Date()) async throws(CtlError) -> StatusReport {
        var policies: [SafetyPolicy] = []
        var policyError: String?
        do throws(KubeError) {
            policies = try await session.client.listAll(SafetyPolicy.self, .safetyPolicies).items
        } catch where error.code == .forbidden {
            // Someone with rights in their namespace only still gets their requests.
            policyError = CtlError(error, object: ObjectName(kind: ResourceDescriptor.safetyPolicies.plural), verb: "list").message
        } catch {
            throw CtlError(error, object: ObjectName(kind: ResourceDescriptor.safetyPolicies.plural), verb: "list")
        }
        let namespace = allNamespaces ? nil : session.namespace
        let requests: [RemediationRequest]
        do throws(KubeError) {
            requests = try await session.client.listAll(RemediationRequest.self, .remediationRequests, namespace: namespace).items
        } catch {
            throw CtlError(error, object: ObjectName(kind: ResourceDescriptor.remediationRequests.plural, namespace: namespace), verb: "list")
        }
        var report = StatusReport(policies: policies, requests: requests, limit: limit, now: now)
        report.policyError = policyError
        return report
    }
}
