import ClusterTestSupport
import Foundation

/// Ballast's CRDs (config/crd) and stand-ins for prometheus-operator's, installed for real
/// once per test process and established before any dry run needs them.
enum ClusterCRDs {
    /// Installs (idempotently) and waits until established; throws what kubectl said.
    static func ensure() async throws {
        try await installed.value
    }

    private static let installed = Task<Void, any Error> {
        let cluster = try LocalCluster.current()
        // Another test process may be creating the same CRDs: a lost create race ("already
        // exists") succeeds on the next apply.
        try await retrying(3) { try await cluster.kubectlChecked(["apply", "-k", Checkout.path("config/crd")]) }
        try await retrying(3) {
            try await cluster.kubectlChecked(["apply", "-f", Checkout.path("Tests/InstallTests/Fixtures/monitoring-crds.yaml")])
        }
        try await cluster.kubectlChecked([
            "wait", "--for=condition=established", "--timeout=30s",
            "crd/servicemonitors.monitoring.coreos.com", "crd/prometheusrules.monitoring.coreos.com",
            "crd/safetypolicies.ballast.dev", "crd/remediationrequests.ballast.dev", "crd/actionhistories.ballast.dev",
        ])
    }

    private static func retrying(_ attempts: Int, _ body: () async throws -> String) async throws {
        for attempt in 1... {
            do {
                _ = try await body()
                return
            } catch where attempt < attempts {
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}
