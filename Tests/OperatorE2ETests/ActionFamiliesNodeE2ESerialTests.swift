import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

/// The node action families on Nodes the test creates (no kubelet behind them): cordon, real
/// and dry run, and drain, which cordons and evicts the node's pods through the Eviction API.
///
/// A Node is cluster-scoped, and only a SafetyPolicy without a namespace selector covers a
/// cluster-scoped target, so these tests apply a cluster-wide policy: a `…SerialTests` suite
/// (hack/test.sh runs it alone) so that policy never applies to another test's targets.
@Suite(.timeLimit(.minutes(3))) struct ActionFamiliesNodeE2ESerialTests {
    @Test(arguments: [false, true])
    func cordonMarksTheNodeUnschedulableOnlyWhenNotADryRun(dryRun: Bool) async throws {
        try await Self.withOperatorAndNode("e2f-cordon", pods: 0) { scenario, node, target in
            try await scenario.requestAction("cordon", .cordonNode, target: target, mode: dryRun ? .dryRun : .auto)
            let done = try await scenario.waitForOutcome("cordon")
            #expect(done.status?.execution?.result == .succeeded, "\(Scenario.summary(done))")
            let stored = try await scenario.object(.nodes, node, clusterScoped: true)
            #expect(stored["spec"]?["unschedulable"]?.boolValue == (dryRun ? nil : true))
            if !dryRun {
                #expect(stored.metadata.annotations?["ballast.dev/last-action-id"] == done.status?.execution?.actionId)
            }
        }
    }

    @Test func drainCordonsTheNodeAndEvictsItsPods() async throws {
        try await Self.withOperatorAndNode("e2f-drain", pods: 2) { scenario, node, target in
            try await scenario.requestAction("drain", .drainNode, parameters: ["timeoutSeconds": 20], target: target)
            let done = try await scenario.waitForOutcome("drain")
            #expect(Scenario.condition("Executed", of: done)?.reason == "Succeeded", "\(Scenario.summary(done))")
            #expect(done.status?.execution?.result == .succeeded)
            let stored = try await scenario.object(.nodes, node, clusterScoped: true)
            #expect(stored["spec"]?["unschedulable"]?.boolValue == true)
            let left = try await scenario.client.list(Pod.self, .pods, namespace: scenario.namespace).items
            #expect(left.isEmpty, "every pod on the node was evicted: \(left.compactMap(\.metadata.name))")
            let paths = Set(done.status?.execution?.changes?.map(\.path) ?? [])
            #expect(paths.isSuperset(of: ["spec.unschedulable", "pods[\(scenario.namespace)/on-node-0]", "pods[\(scenario.namespace)/on-node-1]"]), "\(paths)")
        }
    }

    /// A scenario with the cluster-wide policy, Node `<namespace>-node` (deleted afterwards)
    /// with `pods` pods bound to it, and the operator running; `body` gets the node's name and
    /// target reference.
    static func withOperatorAndNode(
        _ prefix: String, pods: Int, _ body: (Scenario, String, TargetReference) async throws -> Void
    ) async throws {
        try await Scenario.run(prefix) { scenario in
            let node = scenario.clusterName("node")
            try await scenario.withClusterObjects(["node/\(node)"]) {
                try await scenario.applyClusterWidePolicy()
                try await scenario.createNode(node, pods: pods)
                _ = try await scenario.startOperator()
                try await body(scenario, node, scenario.target("Node", node, clusterScoped: true))
            }
        }
    }
}
