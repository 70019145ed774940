import BallastCore
import BallastOperator
import ClusterTestSupport
import Foundation
import Testing

/// The RBAC of config/rbac, applied for real: the operator's ServiceAccount may do everything
/// the catalog and the controllers need, and nothing else that was asked for by name.
@Suite struct RBACGrantTests {
    @Test func serviceAccountIsGrantedEveryCatalogAndControllerPermission() async throws {
        let rbac = try await InstalledRBAC(try LocalCluster.current())
        defer { rbac.remove() }
        let checks = triples(ActionCatalog.rbacRules + OperatorRBAC.controllerRules)
            .sorted { $0.description < $1.description }.map(AccessCheck.init)

        let answers = try await eventually { try await rbac.allowed(checks) }
        #expect(answers.count == checks.count)
        for (check, allowed) in zip(checks, answers) {
            #expect(allowed, "\(rbac.user) may not \(check)")
        }
    }

    @Test func leasesOnlyInTheOperatorsNamespace() async throws {
        let rbac = try await InstalledRBAC(try LocalCluster.current())
        defer { rbac.remove() }
        let checks = triples(OperatorRBAC.leaderElectionRules).map { triple in
            var check = AccessCheck(triple)
            check.namespace = rbac.namespace
            return check
        }
        #expect(try await eventually { try await rbac.allowed(checks) }.allSatisfy { $0 })
        #expect(try await rbac.allowed([AccessCheck(verb: "create", group: "coordination.k8s.io", resource: "leases")]) == [false])
    }

    /// Writes outside the catalog, and Secrets anywhere, are denied (`kubectl auth can-i`).
    @Test func outOfCatalogWritesAreDenied() async throws {
        let rbac = try await InstalledRBAC(try LocalCluster.current())
        defer { rbac.remove() }
        let other = rbac.workloadNamespace
        // The grant is in place (so a "no" below is a real denial, not a propagation delay).
        _ = try await eventually { try await rbac.canI(["create", "pods", "--subresource=eviction", "-n", other]) ? true : nil }

        let denied: [[String]] = [
            ["delete", "deployments.apps", "-n", other],
            ["update", "deployments.apps", "-n", other],
            ["create", "deployments.apps", "-n", other],
            ["delete", "pods", "-n", other],
            ["create", "secrets", "-n", other],
            ["get", "secrets", "-n", other],
            ["get", "secrets", "-n", rbac.namespace],
            ["patch", "nodes", "--subresource=status"],
            ["delete", "nodes"],
            ["patch", "configmaps", "-n", other],
            ["create", "pods/exec", "-n", other],
            ["patch", "clusterroles.rbac.authorization.k8s.io"],
            ["delete", "safetypolicies.ballast.dev"],
            ["patch", "safetypolicies.ballast.dev"],
            ["*", "*"],
        ]
        for arguments in denied {
            #expect(try await !rbac.canI(arguments), "\(rbac.user) may \(arguments.joined(separator: " "))")
        }
    }
}

/// Retries `attempt` for up to a minute until it returns a value whose every element is true
/// (or a non-nil value): RBAC changes reach the authorizer's cache asynchronously, and a machine
/// running hundreds of other tests may take its time.
func eventually<T>(_ attempt: () async throws -> T?) async throws -> T {
    let deadline = Date().addingTimeInterval(60)
    while true {
        let value = try await attempt()
        let ready = (value as? [Bool]).map { $0.allSatisfy { $0 } } ?? (value != nil)
        if let value, ready || Date() > deadline { return value }
        if Date() > deadline { throw ManifestProblem("gave up waiting after 60 s") }
        try await Task.sleep(for: .milliseconds(200))
    }
}
