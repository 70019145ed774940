import BallastAPI
import BallastCtl
import Foundation
import KubeClient
import KubeTypes

/// Creating RemediationRequests and writing their status as the operator would, for the
/// integration tests.
extension CtlSession {
    /// Creates a manual request (`rollback_deployment` on `deployment/web`, RequireApproval)
    /// and, when `status` is given, writes it through `/status`.
    @discardableResult
    func createRequest(_ name: String, status: RemediationRequestStatus? = nil) async throws -> RemediationRequest {
        let spec = RemediationRequestSpec(
            target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", name: "web"), mode: .requireApproval,
            action: RequestedAction(name: .rollbackDeployment))
        let created = try await client.create(
            RemediationRequest(metadata: ObjectMeta(name: name, namespace: namespace), spec: spec), .remediationRequests)
        guard let status else { return created }
        let body = try JSONValue(encoding: status)
        return try await client.patchStatus(
            RemediationRequest.self, .remediationRequests, name: name, namespace: namespace, .merge(["status": body]))
    }

    /// Reads a request back.
    func readRequest(_ name: String) async throws -> RemediationRequest {
        try await client.get(RemediationRequest.self, .remediationRequests, name: name, namespace: namespace)
    }
}

extension RemediationRequestStatus {
    /// A status in `phase` with a decision, as the operator writes it.
    static func at(_ phase: RemediationPhase, policy: PolicyStatus? = nil) -> RemediationRequestStatus {
        RemediationRequestStatus(
            phase: phase, observedGeneration: 1,
            decision: DecisionStatus(action: .rollbackDeployment, confidence: 1, source: .requested), policy: policy)
    }
}
