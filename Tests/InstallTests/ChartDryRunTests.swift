import ClusterTestSupport
import Testing

/// The chart, rendered as Helm would, passes `kubectl apply --dry-run=server` in a release
/// namespace, with the default values and with every option on.
@Suite struct ChartDryRunTests {
    @Test(arguments: [false, true])
    func renderedChartPassesServerSideDryRun(fullValues: Bool) throws {
        let cluster = try LocalCluster.current()
        let namespace = try cluster.makeNamespace("install-chart")
        defer { cluster.deleteNamespace(namespace) }
        try installCRDs(cluster)
        let (manifests, yaml) = try ChartRenderer.manifests(
            values: fullValues ? try ChartRenderer.fullValues : nil, namespace: namespace)

        let output = try cluster.kubectlChecked(["apply", "--dry-run=server", "-n", namespace, "-f", "-"], input: yaml)
        let accepted = output.split(separator: "\n").filter { $0.hasSuffix("(server dry run)") }
        #expect(accepted.count == manifests.objects.count, "\(output)")
        #expect(try cluster.kubectlChecked(["get", "deployments", "-n", namespace, "-o", "name"]).isEmpty)
    }

    @Test func serverRejectsAPolicySpecTheSchemaCannotCheck() throws {
        let cluster = try LocalCluster.current()
        let namespace = try cluster.makeNamespace("install-chart-bad")
        defer { cluster.deleteNamespace(namespace) }
        try installCRDs(cluster)
        let (_, yaml) = try ChartRenderer.manifests(
            values: "policy: {spec: {mode: Sometimes, minConfidence: 0.5}}\n", namespace: namespace)

        let result = try cluster.kubectl(["apply", "--dry-run=server", "-n", namespace, "-f", "-"], input: yaml)
        #expect(result.status != 0)
        #expect(result.stderr.contains("spec.mode"), "\(result.stderr)")
    }

    /// Ballast's CRDs and stand-ins for prometheus-operator's, for real (idempotent).
    private func installCRDs(_ cluster: LocalCluster) throws {
        try cluster.kubectlChecked(["apply", "-k", Checkout.path("config/crd")])
        try cluster.kubectlChecked(["apply", "-f", Checkout.path("Tests/InstallTests/Fixtures/monitoring-crds.yaml")])
        try cluster.kubectlChecked([
            "wait", "--for=condition=established", "--timeout=30s",
            "crd/servicemonitors.monitoring.coreos.com", "crd/prometheusrules.monitoring.coreos.com",
            "crd/safetypolicies.ballast.dev",
        ])
    }
}
