import ClusterTestSupport
import Testing

/// `kubectl apply --dry-run=server -k config/default` against the local control plane: the API
/// server validates every object (the SafetyPolicy against the real CRD schema).
@Suite struct KustomizeDryRunTests {
    @Test func defaultConfigPassesServerSideDryRun() async throws {
        let cluster = try LocalCluster.current()
        let namespace = try await cluster.makeNamespace("install-default")
        defer { cluster.deleteNamespace(namespace) }
        try await ClusterCRDs.ensure()
        let overlay = try Overlay(base: "config/default", namespace: namespace)
        defer { overlay.remove() }

        let output = try await cluster.kubectlChecked(["apply", "--dry-run=server", "-k", overlay.path])
        for object in [
            "serviceaccount/ballast", "clusterrole.rbac.authorization.k8s.io/ballast-manager",
            "clusterrolebinding.rbac.authorization.k8s.io/ballast-manager",
            "role.rbac.authorization.k8s.io/ballast-leader-election",
            "rolebinding.rbac.authorization.k8s.io/ballast-leader-election", "configmap/ballast-config",
            "service/ballast", "deployment.apps/ballast", "safetypolicy.ballast.dev/default",
        ] {
            #expect(output.contains("\(object) created (server dry run)") || output.contains("\(object) configured (server dry run)")
                    || output.contains("\(object) unchanged (server dry run)"), "\(object) missing from:\n\(output)")
        }
        // A dry run creates nothing.
        let deployments = try await cluster.kubectlChecked(["get", "deployments", "-n", namespace, "-o", "name"])
        #expect(deployments.isEmpty)
    }

    @Test func serverDryRunRejectsAnInvalidDefaultPolicy() async throws {
        let cluster = try LocalCluster.current()
        let namespace = try await cluster.makeNamespace("install-invalid")
        defer { cluster.deleteNamespace(namespace) }
        try await ClusterCRDs.ensure()
        let overlay = try Overlay(base: "config/default", namespace: namespace, patches: [
            "- target: {kind: SafetyPolicy, name: default}",
            "  patch: '[{\"op\": \"replace\", \"path\": \"/spec/minConfidence\", \"value\": 2}]'",
        ])
        defer { overlay.remove() }

        let result = try await cluster.kubectl(["apply", "--dry-run=server", "-k", overlay.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("spec.minConfidence"), "\(result.stderr)")
    }
}
