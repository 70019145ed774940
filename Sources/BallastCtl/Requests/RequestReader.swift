import BallastAPI
import KubeClient

/// Reads one RemediationRequest of the session's namespace, with the plugin's not-found message.
struct RequestReader {
    let session: CtlSession

    func read(_ name: String) async throws(CtlError) -> RemediationRequest {
        do throws(KubeError) {
            return try await session.client.get(RemediationRequest.self, .remediationRequests, name: name, namespace: session.namespace)
        } catch {
            throw CtlError(error, object: ObjectName(kind: "remediationrequest", namespace: session.namespace, name: name), verb: "get")
        }
    }
}
