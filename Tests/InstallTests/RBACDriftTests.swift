import BallastCore
import BallastOperator
import Testing
import Yams

/// The committed RBAC (config/rbac and the chart) is what `ballast rbac` generates today.
@Suite struct RBACDriftTests {
    @Test func committedClusterRoleIsTheGeneratedOne() throws {
        let committed = try Checkout.text("config/rbac/role.yaml")
        #expect(committed == OperatorRBAC.clusterRoleYAML, "config/rbac/role.yaml is stale: run `swift run ballast rbac > config/rbac/role.yaml`")
    }

    @Test func chartRulesAreTheGeneratedOnes() throws {
        let committed = try Checkout.text("charts/ballast/files/clusterrole-rules.yaml")
        #expect(committed == OperatorRBAC.rulesYAML(OperatorRBAC.clusterRules, indent: ""),
                "charts/ballast/files/clusterrole-rules.yaml is stale: run `swift run ballast rbac --rules-only > charts/ballast/files/clusterrole-rules.yaml`")
    }

    @Test func generatedYAMLParsesBackToTheRules() throws {
        let role = try Manifests(OperatorRBAC.clusterRoleYAML).one("ClusterRole")
        #expect(try rules(of: role) == OperatorRBAC.clusterRules)
        #expect(role.at("metadata", "name")?.string == OperatorRBAC.clusterRoleName)
    }

    @Test func leaderElectionRoleGrantsTheGeneratedRules() throws {
        let role = try Manifests(try Checkout.text("config/rbac/leader_election_role.yaml")).one("Role")
        #expect(try rules(of: role) == OperatorRBAC.leaderElectionRules)
        #expect(role.at("metadata", "name")?.string == OperatorRBAC.leaderElectionRoleName)
    }

    @Test(arguments: ["role_binding.yaml", "leader_election_role_binding.yaml"])
    func bindingsNameTheOperatorServiceAccount(_ file: String) throws {
        let binding = try #require(try Manifests(try Checkout.text("config/rbac/\(file)")).objects.first)
        #expect(binding.at("subjects", 0, "kind")?.string == "ServiceAccount")
        #expect(binding.at("subjects", 0, "name")?.string == OperatorRBAC.serviceAccountName)
    }

    @Test func chartCRDsAreTheRepositoryCRDs() throws {
        let names = try Checkout.fileNames(in: "crds", suffix: ".yaml")
        #expect(try Checkout.fileNames(in: "charts/ballast/crds", suffix: ".yaml") == names)
        for name in names {
            #expect(try Checkout.text("charts/ballast/crds/\(name)") == Checkout.text("crds/\(name)"), "charts/ballast/crds/\(name) differs from crds/\(name)")
        }
    }

    @Test(arguments: ["config/rbac", "config/manager"])
    func kustomizationListsEveryFile(_ directory: String) throws {
        let kustomization = try #require(try Manifests(try Checkout.text("\(directory)/kustomization.yaml")).objects.first)
        let files = try Checkout.fileNames(in: directory, suffix: ".yaml").filter { $0 != "kustomization.yaml" }
        #expect(Set(kustomization["resources"]?.strings ?? []) == Set(files))
    }
}

/// The rules of a parsed Role or ClusterRole.
func rules(of role: Node) throws -> [RBACRule] {
    try (role["rules"]?.array() ?? []).map { rule in
        guard let groups = rule["apiGroups"]?.strings, let resources = rule["resources"]?.strings,
              let verbs = rule["verbs"]?.strings else { throw ManifestProblem("malformed rule \(rule)") }
        return RBACRule(apiGroups: groups, resources: resources, verbs: verbs)
    }
}
