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
        try ClusterCRDs.ensure()
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
        try ClusterCRDs.ensure()
        let (_, yaml) = try ChartRenderer.manifests(
            values: "policy: {spec: {mode: Sometimes, minConfidence: 0.5}}\n", namespace: namespace)

        let result = try cluster.kubectl(["apply", "--dry-run=server", "-n", namespace, "-f", "-"], input: yaml)
        #expect(result.status != 0)
        #expect(result.stderr.contains("spec.mode"), "\(result.stderr)")
    }
}
