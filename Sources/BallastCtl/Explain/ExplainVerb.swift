import BallastAPI
import Foundation
import KubeClient
import KubeTypes

/// `kubectl ballast explain <request>`: reads the request and its Events and explains it.
public struct ExplainVerb: Sendable {
    /// The connection.
    public var session: CtlSession
    /// The request's name (in the session's namespace).
    public var requestName: String

    /// Creates the verb.
    public init(session: CtlSession, requestName: String) {
        self.session = session
        self.requestName = requestName
    }

    /// Reads the request and the Events whose `involvedObject` is it (by kind, name and, when
    /// known, uid, so Events of an earlier request with the same name are left out).
    /// - Returns: The request and the explanation.
    /// - Throws: ``CtlError`` (`.notFound` naming the request and namespace).
    public func run(now: Date = Date()) async throws(CtlError) -> (request: RemediationRequest, explanation: Explanation) {
        let request = try await RequestReader(session: session).read(requestName)
        let events = try await self.events(of: request)
        return (request, Explanation(request: request, events: events, now: now))
    }

    /// The field selector for Events about `request`.
    static func eventSelector(for request: RemediationRequest) -> String {
        var selectors = [
            "involvedObject.kind=\(ResourceDescriptor.remediationRequests.kind)",
            "involvedObject.name=\(request.metadata.name ?? "")",
        ]
        if let uid = request.metadata.uid { selectors.append("involvedObject.uid=\(uid)") }
        return selectors.joined(separator: ",")
    }

    private func events(of request: RemediationRequest) async throws(CtlError) -> [Event] {
        let options = ListOptions(fieldSelector: Self.eventSelector(for: request))
        do throws(KubeError) {
            return try await session.client.listAll(Event.self, .events, namespace: session.namespace, options: options).items
        } catch {
            throw CtlError(error, object: ObjectName(kind: ResourceDescriptor.events.plural, namespace: session.namespace), verb: "list")
        }
    }
}
