import BallastAPI
import BallastCtl
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes

/// The local control plane with Ballast's CRDs installed (once per test process), and sessions
/// of the plugin verbs talking to it as the admin. Every call goes to the real API server.
struct CtlTestCluster: Sendable {
    let cluster: LocalCluster

    /// The repository checkout this file is in.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private static let installation = Task<LocalCluster, any Error> {
        let cluster = try LocalCluster.current()
        try await cluster.applyShared(["-f", root.appendingPathComponent("crds").path])
        try await cluster.kubectlChecked([
            "wait", "--for=condition=Established", "--timeout=60s",
            "crd/remediationrequests.ballast.dev", "crd/actionhistories.ballast.dev", "crd/safetypolicies.ballast.dev",
        ])
        return cluster
    }

    /// The cluster, with the CRDs applied and Established.
    static func prepared() async throws -> CtlTestCluster {
        CtlTestCluster(cluster: try await installation.value)
    }

    /// Runs `body` with a session in `namespace` as the admin (recorded as `identity`), and
    /// closes it afterwards.
    @discardableResult
    func withSession<T: Sendable>(
        namespace: String, identity: String = "tester", kubeconfig: String? = nil,
        _ body: (CtlSession) async throws -> T
    ) async throws -> T {
        let configuration = try KubeConfiguration.load(kubeconfigPath: kubeconfig ?? cluster.adminKubeconfig)
        let session = CtlSession(client: try KubeClient(configuration: configuration), namespace: namespace, identity: identity)
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }

    /// Runs `body` in a fresh namespace that is deleted afterwards.
    @discardableResult
    func withNamespace<T: Sendable>(_ prefix: String, _ body: (String) async throws -> T) async throws -> T {
        let namespace = try await cluster.makeNamespace(prefix)
        defer { cluster.deleteNamespace(namespace) }
        return try await body(namespace)
    }

    /// A SafetyPolicy name no other test uses.
    static func uniquePolicyName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// A policy whose namespace selector matches no namespace, so it governs nothing another
    /// test (or a running operator) cares about.
    static func inertPolicy(_ name: String, stop: EmergencyStop? = nil) -> SafetyPolicy {
        SafetyPolicy(
            metadata: ObjectMeta(name: name),
            spec: SafetyPolicySpec(
                emergencyStop: stop,
                namespaceSelector: LabelSelector(matchLabels: ["ballast.dev/test-scope": name])))
    }

    /// Deletes a cluster-scoped SafetyPolicy a test created.
    func deletePolicy(_ name: String) {
        cluster.kubectlInBackground(["delete", "safetypolicy", name, "--wait=false", "--ignore-not-found"])
    }
}
