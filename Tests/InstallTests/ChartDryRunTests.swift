import ClusterTestSupport
import Testing

/// The chart, rendered as Helm would, passes `kubectl apply --dry-run=server` in a release
/// namespace, with the default values and with every option on.
@Suite struct ChartDryRunTests {
    @Test(arguments: [false, true])
    func renderedChartPassesServerSideDryRun(fullValues: Bool) async throws {
        let cluster = try LocalCluster.current()
        let namespace = try await cluster.makeNamespace("install-chart")
        defer { cluster.deleteNamespace(namespace) }
        try await ClusterCRDs.ensure()
        let (manifests, yaml) = try await ChartRenderer.manifests(
            values: fullValues ? try ChartRenderer.fullValues : nil, namespace: namespace)

        let output = try await cluster.kubectlChecked(["apply", "--dry-run=server", "-n", namespace, "-f", "-"], input: yaml)
        let accepted = output.split(separator: "\n").filter { $0.hasSuffix("(server dry run)") }
        #expect(accepted.count == manifests.objects.count, "\(output)")
        #expect(try await cluster.kubectlChecked(["get", "deployments", "-n", namespace, "-o", "name"]).isEmpty)
    }

    @Test func serverRejectsAPolicySpecTheSchemaCannotCheck() async throws {
        let cluster = try LocalCluster.current()
        let namespace = try await cluster.makeNamespace("install-chart-bad")
        defer { cluster.deleteNamespace(namespace) }
        try await ClusterCRDs.ensure()
        let (_, yaml) = try await ChartRenderer.manifests(
            values: "policy: {spec: {mode: Sometimes, minConfidence: 0.5}}\n", namespace: namespace)

        let result = try await cluster.kubectl(["apply", "--dry-run=server", "-n", namespace, "-f", "-"], input: yaml)
        #expect(result.status != 0)
        #expect(result.stderr.contains("spec.mode"), "\(result.stderr)")
    }
}
