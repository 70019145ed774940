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
        try await cluster.applyShared(["-k", Checkout.path("config/crd")])
        try await cluster.applyShared(["-f", Checkout.path("Tests/InstallTests/Fixtures/monitoring-crds.yaml")])
        try await cluster.kubectlChecked([
            "wait", "--for=condition=established", "--timeout=30s",
            "crd/servicemonitors.monitoring.coreos.com", "crd/prometheusrules.monitoring.coreos.com",
            "crd/safetypolicies.ballast.dev", "crd/remediationrequests.ballast.dev", "crd/actionhistories.ballast.dev",
        ])
    }
}
