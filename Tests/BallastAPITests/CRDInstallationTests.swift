import Testing

/// crds/ on the real API server: accepted, structural, Established, discoverable by short name.
@Suite struct CRDInstallationTests {
    @Test(arguments: BallastKind.allCases)
    func isEstablishedStructuralAndServed(kind: BallastKind) async throws {
        let cluster = try await ContractCluster.prepared().cluster
        let conditions = try await cluster.kubectlChecked([
            "get", "crd", kind.qualifiedResource, "-o",
            #"jsonpath={range .status.conditions[*]}{.type}={.status};{end}"#,
        ])
        #expect(conditions.contains("Established=True"))
        #expect(conditions.contains("NamesAccepted=True"))
        #expect(!conditions.contains("NonStructuralSchema"))
    }

    @Test(arguments: BallastKind.allCases)
    func shortNameAndCategoryResolve(kind: BallastKind) async throws {
        let cluster = try await ContractCluster.prepared().cluster
        let resources = try await cluster.kubectlChecked(["api-resources", "--api-group=ballast.dev", "--no-headers"])
        let row = try #require(resources.split(separator: "\n").first { $0.hasPrefix(kind.resource.plural + " ") })
        let columns = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(columns == [
            kind.resource.plural, kind.shortName, "ballast.dev/v1alpha1",
            kind.resource.namespaced ? "true" : "false", kind.rawValue,
        ])
        let namespace = try await cluster.makeNamespace("crd-category")
        defer { cluster.deleteNamespace(namespace) }
        let result = try await cluster.kubectl(["get", kind.shortName, "-n", namespace])
        #expect(result.status == 0, "\(result.stderr)")
        let category = try await cluster.kubectl(["get", "ballast", "-n", namespace])
        #expect(category.status == 0, "\(category.stderr)")
    }
}
