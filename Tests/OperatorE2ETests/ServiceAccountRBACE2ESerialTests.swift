import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

/// The operator run as its shipped ServiceAccount (config/rbac, applied for real, with a token
/// from the TokenRequest API instead of the admin's): a scale, a restart and a cordon work and
/// its status and Event writes succeed, while writes outside the catalog are Forbidden.
///
/// The overlay suffixes every cluster-scoped RBAC name with the test's namespace, but the cordon
/// needs a cluster-wide SafetyPolicy (only those cover a Node), hence a `…SerialTests` suite.
@Suite(.timeLimit(.minutes(3))) struct ServiceAccountRBACE2ESerialTests {
    @Test func everyActionWorksAsTheShippedServiceAccountAndOtherWritesAreForbidden() async throws {
        try await Scenario.run("e2f-rbac") { scenario in
            let account = try await ShippedServiceAccount(cluster: scenario.cluster, namespace: scenario.namespace)
            defer { account.remove() }
            let node = scenario.clusterName("node")
            try await scenario.withClusterObjects(["node/\(node)"]) {
                try await scenario.applyClusterWidePolicy()
                try await scenario.createNode(node, pods: 0)
                scenario.startKubelet(.allReady)
                try await scenario.createDeployment("web", replicas: 2)
                let process = try await scenario.startOperator { $0.kubeconfig = account.kubeconfig }

                try await scenario.requestAction("scale", .scaleDeployment, parameters: ["replicas": 3], on: "web")
                try await scenario.requestAction("restart", .restartDeployment, on: "web")
                try await scenario.requestAction("cordon", .cordonNode, target: scenario.target("Node", node, clusterScoped: true))
                for name in ["scale", "restart", "cordon"] {
                    let done = try await scenario.waitForOutcome(name)
                    #expect(Scenario.condition("Executed", of: done)?.reason == "Succeeded", "\(Scenario.summary(done))")
                    #expect(done.status?.execution?.result == .succeeded, "\(name): \(done.status?.execution?.message ?? "-")")
                    try await scenario.waitForEvent("Succeeded", about: name)
                }
                let deployment = try await scenario.deployment("web")
                #expect(deployment.spec?.replicas == 3)
                #expect(deployment.spec?.template?.metadata?.annotations?["ballast.dev/restart-action-id"] != nil)
                #expect(try await scenario.object(.nodes, node, clusterScoped: true)["spec"]?["unschedulable"]?.boolValue == true)
                #expect(try await scenario.history(ofDeployment: "web")?.status?.entries?.count == 2, "history status written")

                let other = try await scenario.cluster.makeNamespace("e2f-rbac-other")
                defer { scenario.cluster.deleteNamespace(other) }
                #expect(try await account.canI(["patch", "deployments", "-n", scenario.namespace]))
                #expect(try await account.canI(["create", "pods", "--subresource=eviction", "-n", scenario.namespace]))
                #expect(try await !account.canI(["delete", "deployments", "-n", scenario.namespace]))
                #expect(try await !account.canI(["get", "secrets", "-n", other]))
                #expect(try await !account.canI(["create", "clusterrolebindings"]))
                #expect(try await !account.canI(["delete", "nodes"]))
                let delete = try await scenario.cluster.kubectl(
                    ["delete", "deployment", "web", "-n", scenario.namespace], kubeconfig: account.kubeconfig)
                #expect(delete.status != 0 && delete.stderr.contains("Forbidden"), "out-of-catalog write: \(delete.stderr)")
                #expect(try await scenario.deployment("web").metadata.deletionTimestamp == nil)

                let log = process.log
                #expect(!log.contains("Forbidden") && !log.contains("forbidden"), "the operator was never refused: \(process.logTail())")
            }
        }
    }
}
