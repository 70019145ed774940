import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

/// The node action families on Nodes the test creates (no kubelet behind them): cordon, real
/// and dry run, uncordon, and drain, which cordons and evicts the node's pods through the
/// Eviction API — also against a PodDisruptionBudget that forbids one of the evictions.
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
            try await scenario.requestAction("drain", .drainNode, parameters: ["timeoutSeconds": 20, "force": true], target: target)
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

    @Test func uncordonMakesACordonedNodeSchedulableAgain() async throws {
        try await Self.withOperatorAndNode("e2f-uncordon", pods: 0) { scenario, node, target in
            _ = try await scenario.client.patch(
                UnstructuredObject.self, .nodes, name: node, namespace: nil, .merge(["spec": ["unschedulable": true]]))
            try await scenario.requestAction("uncordon", .uncordonNode, target: target)
            let done = try await scenario.waitForExecuted("uncordon", reason: "Succeeded")
            let stored = try await scenario.object(.nodes, node, clusterScoped: true)
            #expect(stored["spec"]?["unschedulable"]?.boolValue != true, "schedulable again: \(stored["spec"] ?? .null)")
            #expect(stored.metadata.annotations?["ballast.dev/last-action-id"] == done.status?.execution?.actionId)
            #expect(done.status?.execution?.changes?.map(\.path) == ["spec.unschedulable"], "\(Scenario.summary(done))")
            let entry = try await scenario.historyEntry(of: target, actionId: done.status?.execution?.actionId)
            #expect(entry.action == .uncordonNode && entry.state == .succeeded)
        }
    }

    /// The executor evicts past a pod a budget protects (the other pods go), reports the drain
    /// blocked, and keeps the node cordoned; the lifecycle retries with a new actionId that
    /// only evicts what is left, which succeeds once the budget is lowered.
    @Test func drainBlockedByADisruptionBudgetEvictsTheRestAndProceedsOnceTheBudgetIsLowered() async throws {
        try await Self.withOperatorAndNode("e2f-drainpdb", pods: 2, remediation: [
            "verificationWindow": "2s", "verificationPoll": "1s", "disruptionBudgetRetry": "2s", "maxAttempts": "10",
        ]) { scenario, node, target in
            scenario.startKubelet(.allReady)
            try await scenario.setBudget(minAvailable: 1, app: "on-node")
            try await scenario.waitForBudget(disruptionsAllowed: 1, app: "on-node")

            try await scenario.requestAction("drain", .drainNode, parameters: ["timeoutSeconds": 10, "force": true], target: target)
            let blocked = try await scenario.waitForExecuted("drain", reason: "BlockedByDisruptionBudget")
            #expect(blocked.status?.phase == .blocked, "\(Scenario.summary(blocked))")
            #expect(blocked.status?.policy?.retryAfter != nil, "the retry time is in status")
            #expect(blocked.status?.execution?.message?.contains("1 of 2 evictions blocked by a PodDisruptionBudget") == true,
                    "\(blocked.status?.execution?.message ?? "-")")
            let left = try await scenario.client.list(Pod.self, .pods, namespace: scenario.namespace).items.compactMap(\.metadata.name)
            #expect(left == ["on-node-1"], "the budget allowed one eviction: on-node-0 went, on-node-1 stayed")
            let cordoned = try await scenario.object(.nodes, node, clusterScoped: true)
            #expect(cordoned["spec"]?["unschedulable"]?.boolValue == true, "the node stays cordoned while blocked")
            try await scenario.waitForEvent("BlockedByDisruptionBudget", about: "drain")

            try await scenario.setBudget(minAvailable: 0, app: "on-node")
            let done = try await scenario.waitForExecuted("drain", reason: "Succeeded")
            #expect(try await scenario.client.list(Pod.self, .pods, namespace: scenario.namespace).items.isEmpty)
            #expect(done.status?.execution?.changes?.map(\.path) == ["pods[\(scenario.namespace)/on-node-1]"],
                    "the new attempt only evicts what was left: \(Scenario.summary(done))")
            let stored = try await scenario.object(.nodes, node, clusterScoped: true)
            #expect(stored["spec"]?["unschedulable"]?.boolValue == true)
            let states = try await scenario.historyEntries(of: target).map(\.state)
            #expect(states.first == .failed, "the blocked attempt changed the node and one pod: \(states)")
            #expect(states.last == .succeeded, "\(states)")
        }
    }

    /// A scenario with the cluster-wide policy, Node `<namespace>-node` (deleted afterwards)
    /// with `pods` pods bound to it, and the operator running (with `remediation` settings when
    /// given); `body` gets the node's name and target reference.
    static func withOperatorAndNode(
        _ prefix: String, pods: Int, remediation: [String: String]? = nil,
        _ body: (Scenario, String, TargetReference) async throws -> Void
    ) async throws {
        try await Scenario.run(prefix) { scenario in
            let node = scenario.clusterName("node")
            try await scenario.withClusterObjects(["node/\(node)"]) {
                try await scenario.applyClusterWidePolicy()
                try await scenario.createNode(node, pods: pods)
                _ = try await scenario.startOperator { configuration in
                    if let remediation { configuration.remediation = remediation }
                }
                try await body(scenario, node, scenario.target("Node", node, clusterScoped: true))
            }
        }
    }
}
