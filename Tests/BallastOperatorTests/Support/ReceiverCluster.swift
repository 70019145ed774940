import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
@testable import BallastOperator

/// The local control plane with Ballast's CRDs installed (once per test process), a KubeClient
/// for it, and kubectl reads of RemediationRequests as the API server stores them.
struct ReceiverCluster: Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let cluster: LocalCluster

    private static let installation = Task<LocalCluster, any Error> {
        let cluster = try LocalCluster.current()
        try await cluster.applyShared(["-f", repositoryRoot.appendingPathComponent("crds").path])
        try await cluster.kubectlChecked([
            "wait", "--for=condition=Established", "--timeout=60s", "crd/remediationrequests.ballast.dev",
        ])
        return cluster
    }

    /// The cluster with the CRDs Established.
    static func prepared() async throws -> ReceiverCluster {
        ReceiverCluster(cluster: try await installation.value)
    }

    /// Runs `body` with a sink over an admin client, shutting the client down afterwards
    /// whether `body` succeeds or throws (AsyncHTTPClient requires it).
    func withSink<T: Sendable>(_ body: (KubeRemediationRequestSink) async throws -> T) async throws -> T {
        let client = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: cluster.adminKubeconfig))
        do {
            let result = try await body(KubeRemediationRequestSink(client: client))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Every RemediationRequest in `namespace`, read with kubectl (not with the code under test).
    func requests(in namespace: String) async throws -> [RemediationRequest] {
        let output = try await cluster.kubectlChecked(["get", "remediationrequests.ballast.dev", "-n", namespace, "-o", "json"])
        struct List: Decodable { let items: [RemediationRequest] }
        return try JSONDecoder.kubernetes().decode(List.self, from: Data(output.utf8)).items
            .sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
    }

    /// Sets a request's phase through `/status`, as the reconciler would.
    func setPhase(_ phase: RemediationPhase, name: String, namespace: String) async throws {
        try await cluster.kubectlChecked([
            "patch", "remediationrequests.ballast.dev", name, "-n", namespace, "--subresource=status",
            "--type=merge", "-p", #"{"status":{"phase":"\#(phase.rawValue)"}}"#,
        ])
    }
}
