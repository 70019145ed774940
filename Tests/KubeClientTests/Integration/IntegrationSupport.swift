import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

/// Runs `body` with a client for `kubeconfig` (the admin's by default) and a fresh namespace,
/// shutting the client down and deleting the namespace afterwards, whatever happens.
func withTestClient<R>(
    kubeconfig: (LocalCluster) -> String = { $0.adminKubeconfig }, namespacePrefix: String = "kc",
    _ body: (KubeClient, LocalCluster, String) async throws -> R
) async throws -> R {
    let cluster = try LocalCluster.current()
    let namespace = try await cluster.makeNamespace(namespacePrefix)
    defer { cluster.deleteNamespace(namespace) }
    let client = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: kubeconfig(cluster)))
    do {
        let result = try await body(client, cluster, namespace)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}

/// Polls `condition` every 100 ms until it holds or `timeout` passes.
func eventually(
    timeout: Duration = .seconds(20), _ what: String, _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("timed out after \(timeout) waiting for: \(what)")
    throw CancellationError()
}

/// The ``KubeError`` code of `body`'s failure, or `nil` when it succeeded; any other error is
/// recorded as a test issue.
func errorCode(_ body: () async throws -> Void) async -> KubeError.Code? {
    do {
        try await body()
        return nil
    } catch let error as KubeError {
        return error.code
    } catch {
        Issue.record("expected a KubeError, got \(error)")
        return .unexpectedResponse
    }
}
