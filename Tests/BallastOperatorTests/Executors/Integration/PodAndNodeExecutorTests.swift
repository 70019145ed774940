import BallastAPI
import KubeClient
import KubeTypes
import Testing

@testable import BallastOperator

@Suite struct PodEvictionExecutorTests {
    /// Two Running+Ready pods `guarded-0/1` and a PDB over them with `minAvailable`, whose
    /// status has caught up (`disruptionsAllowed` as expected) before the test evicts.
    func guardedPods(_ harness: ExecutorHarness, minAvailable: Int) async throws {
        for index in 0..<2 {
            try await harness.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: guarded-\(index), labels: {app: guarded}}
                spec: {containers: [{name: app, image: registry.local/web:v1}]}
                """)
            try await harness.markRunningAndReady("guarded-\(index)")
        }
        try await harness.apply("""
            apiVersion: policy/v1beta1
            kind: PodDisruptionBudget
            metadata: {name: guarded}
            spec: {minAvailable: \(minAvailable), selector: {matchLabels: {app: guarded}}}
            """)
        try await ExecutorHarness.eventually("PDB status: 2 healthy, \(2 - minAvailable) disruptions allowed") {
            let pdb = try await harness.object(.podDisruptionBudgets, "guarded")
            return pdb.at("status", "currentHealthy") == 2 && pdb.at("status", "disruptionsAllowed") == .int(Int64(2 - minAvailable))
                && pdb.at("status", "observedGeneration")?.intValue == pdb.metadata.generation
        }
    }

    @Test func evictsAPodTheBudgetAllows() async throws {
        try await ExecutorHarness.run("exec-evict") { harness in
            try await guardedPods(harness, minAvailable: 1)
            let dry = await harness.execute(.deletePod, on: "Pod", "guarded-0", apiVersion: "v1", dryRun: true)
            #expect(dry.result == .succeeded)
            #expect(try await harness.object(.pods, "guarded-0").metadata.deletionTimestamp == nil)

            let real = await harness.execute(.deletePod, on: "Pod", "guarded-0", apiVersion: "v1", parameters: ["gracePeriodSeconds": 0])
            #expect(real.result == .succeeded, "\(real.message)")
            #expect(real.evictions == [EvictionReport(pod: "\(harness.namespace)/guarded-0", result: .evicted)])
            try await ExecutorHarness.eventually("guarded-0 deleted") {
                do {
                    _ = try await harness.object(.pods, "guarded-0")
                    return false
                } catch let error as KubeError where error.code == .notFound {
                    return true
                }
            }
            #expect(try await harness.object(.pods, "guarded-1").metadata.deletionTimestamp == nil)
        }
    }

    @Test func aBlockingBudgetYieldsBlockedByDisruptionBudget() async throws {
        try await ExecutorHarness.run("exec-pdb") { harness in
            try await guardedPods(harness, minAvailable: 2)
            for dryRun in [true, false] {
                let outcome = await harness.execute(.deletePod, on: "Pod", "guarded-0", apiVersion: "v1", dryRun: dryRun)
                guard case .blockedByDisruptionBudget(let message) = outcome.result else {
                    Issue.record("expected blockedByDisruptionBudget (dryRun \(dryRun)), got \(outcome.result)")
                    continue
                }
                #expect(message.contains("disruption budget"))
                #expect(outcome.changes.isEmpty)
            }
            #expect(try await harness.object(.pods, "guarded-0").metadata.deletionTimestamp == nil)
        }
    }
}

@Suite struct NodeExecutorTests {
    /// A Node object named after the namespace (nodes are cluster-scoped), deleted afterwards.
    func withNode(_ harness: ExecutorHarness, _ body: (String) async throws -> Void) async throws {
        let name = "node-\(harness.namespace)"
        try await harness.cluster.kubectlChecked(["apply", "-f", "-"], input: "apiVersion: v1\nkind: Node\nmetadata: {name: \(name), labels: {ballast-test: \(harness.namespace)}}\n")
        defer { harness.cluster.kubectlInBackground(["delete", "node", name, "--wait=false"]) }
        try await body(name)
    }

    @Test func cordonAndUncordonFlipUnschedulable() async throws {
        try await ExecutorHarness.run("exec-cordon") { harness in
            try await withNode(harness) { (node: String) async throws in
                let dry = await harness.execute(.cordonNode, on: "Node", node, apiVersion: "v1", dryRun: true, clusterScoped: true)
                #expect(dry.result == .succeeded)
                #expect(try await harness.object(.nodes, node).at("spec", "unschedulable") == nil)

                let cordon = await harness.execute(.cordonNode, on: "Node", node, apiVersion: "v1", actionId: "c-1", clusterScoped: true)
                #expect(cordon.result == .succeeded)
                #expect(try await harness.object(.nodes, node).at("spec", "unschedulable") == true)
                let twice = await harness.execute(.cordonNode, on: "Node", node, apiVersion: "v1", actionId: "c-1", clusterScoped: true)
                #expect(twice.result == .alreadyApplied)

                let uncordon = await harness.execute(.uncordonNode, on: "Node", node, apiVersion: "v1", actionId: "u-1", clusterScoped: true)
                #expect(uncordon.result == .succeeded)
                #expect(try await harness.object(.nodes, node).at("spec", "unschedulable") == nil)
            }
        }
    }

    @Test func drainCordonsAndEvictsAllButDaemonSetAndMirrorPods() async throws {
        try await ExecutorHarness.run("exec-drain") { harness in
            try await withNode(harness) { (node: String) async throws in
                try await harness.apply("""
                    apiVersion: apps/v1
                    kind: DaemonSet
                    metadata: {name: agent}
                    spec:
                      selector: {matchLabels: {app: agent}}
                      template:
                        metadata: {labels: {app: agent}}
                        spec:
                          nodeSelector: {ballast-test: \(harness.namespace)}
                          tolerations: [{operator: Exists}]
                          containers: [{name: agent, image: registry.local/agent:v1}]
                    """)
                var daemonPod = ""
                try await ExecutorHarness.eventually("the DaemonSet controller creates a pod for the node") {
                    let pods = try await harness.client.list(
                        Pod.self, .pods, namespace: harness.namespace, options: ListOptions(labelSelector: "app=agent")).items
                    daemonPod = pods.first?.metadata.name ?? ""
                    return !daemonPod.isEmpty
                }
                try await harness.cluster.kubectlChecked(["create", "-n", harness.namespace, "-f", "-"], input: """
                    {"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "\(daemonPod)"},
                     "target": {"apiVersion": "v1", "kind": "Node", "name": "\(node)"}}
                    """)
                for (name, annotations) in [("web-0", "{}"), ("web-1", "{}"), ("static-0", "{kubernetes.io/config.mirror: abc}")] {
                    try await harness.apply("""
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: \(name), annotations: \(annotations)}
                        spec: {nodeName: \(node), containers: [{name: app, image: registry.local/web:v1}]}
                        """)
                }

                let unforced = await harness.execute(.drainNode, on: "Node", node, apiVersion: "v1", clusterScoped: true)
                #expect(unforced.result.refusalReason == .unmanagedPods, "bare pods: nothing would re-create them")
                #expect(unforced.message.contains("(\(harness.namespace)/web-0, \(harness.namespace)/web-1); set force: true"))
                #expect(try await harness.object(.nodes, node).at("spec", "unschedulable") == nil, "refused before cordoning")
                let tooMany = await harness.execute(
                    .drainNode, on: "Node", node, apiVersion: "v1", parameters: ["force": true], limits: ["maxPods": 1], clusterScoped: true)
                #expect(tooMany.result.refusalReason == .tooManyPods)
                let dry = await harness.execute(.drainNode, on: "Node", node, apiVersion: "v1", parameters: ["force": true], dryRun: true, clusterScoped: true)
                #expect(dry.result == .succeeded, "\(dry.message)")
                #expect(dry.evictions.map(\.pod).sorted() == ["\(harness.namespace)/web-0", "\(harness.namespace)/web-1"])
                #expect(try await harness.object(.nodes, node).at("spec", "unschedulable") == nil)

                let drain = await harness.execute(
                    .drainNode, on: "Node", node, apiVersion: "v1", parameters: ["gracePeriodSeconds": 0, "force": true], actionId: "drain-1",
                    clusterScoped: true)
                #expect(drain.result == .succeeded, "\(drain.message)")
                #expect(drain.evictions.allSatisfy { $0.result == .evicted } && drain.evictions.count == 2)
                #expect(try await harness.object(.nodes, node).at("spec", "unschedulable") == true)
                try await ExecutorHarness.eventually("only the DaemonSet and mirror pods remain on the node") {
                    let left = try await harness.client.list(
                        Pod.self, .pods, namespace: harness.namespace, options: ListOptions(fieldSelector: "spec.nodeName=\(node)")).items
                    return Set(left.compactMap(\.metadata.name)) == [daemonPod, "static-0"]
                }
                let again = await harness.execute(.drainNode, on: "Node", node, apiVersion: "v1", actionId: "drain-1", clusterScoped: true)
                #expect(again.result == .alreadyApplied)
                let diagnostics = await harness.execute(.collectDiagnostics, on: "Node", node, apiVersion: "v1", clusterScoped: true)
                #expect(diagnostics.diagnostics?.pods.map(\.name).sorted() == [daemonPod, "static-0"].sorted())
                #expect(try await harness.object(.nodes, node).at("spec", "unschedulable") == true)
            }
        }
    }

    @Test func aDrainBlockedByABudgetReportsExactlyWhatChanged() async throws {
        try await ExecutorHarness.run("exec-drain-pdb") { harness in
            try await withNode(harness) { (node: String) async throws in
                for (name, app) in [("free-0", "free"), ("kept-0", "kept")] {
                    try await harness.apply("""
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: \(name), labels: {app: \(app)}}
                        spec: {nodeName: \(node), containers: [{name: app, image: registry.local/web:v1}]}
                        """)
                    try await harness.markRunningAndReady(name)
                }
                try await harness.apply("""
                    apiVersion: policy/v1beta1
                    kind: PodDisruptionBudget
                    metadata: {name: kept}
                    spec: {minAvailable: 1, selector: {matchLabels: {app: kept}}}
                    """)
                try await ExecutorHarness.eventually("PDB kept: 1 healthy, 0 disruptions allowed") {
                    let pdb = try await harness.object(.podDisruptionBudgets, "kept")
                    return pdb.at("status", "currentHealthy") == 1 && pdb.at("status", "disruptionsAllowed") == 0
                        && pdb.at("status", "observedGeneration")?.intValue == pdb.metadata.generation
                }
                let drain = await harness.execute(
                    .drainNode, on: "Node", node, apiVersion: "v1", parameters: ["gracePeriodSeconds": 0, "force": true], actionId: "drain-2",
                    clusterScoped: true)
                guard case .blockedByDisruptionBudget(let message) = drain.result else {
                    Issue.record("expected blockedByDisruptionBudget, got \(drain.result)")
                    return
                }
                #expect(message.contains("kept-0"))
                #expect(drain.changes == [
                    FieldChange(path: "spec.unschedulable", from: false, to: true),
                    FieldChange(path: "pods[\(harness.namespace)/free-0]", from: "present", to: "evicted"),
                ])
                #expect(drain.evictions.map(\.result) == [.evicted, .blocked])
                #expect(try await harness.object(.pods, "kept-0").metadata.deletionTimestamp == nil)
                #expect(try await harness.object(.nodes, node).at("spec", "unschedulable") == true)
            }
        }
    }

    @Test(arguments: [(Int64(0), true), (Int64(30), false)])
    func drainWaitsUpToTimeoutSecondsForEvictedPodsToGo(grace: Int64, gone: Bool) async throws {
        try await ExecutorHarness.run("exec-drain-wait") { harness in
            try await withNode(harness) { (node: String) async throws in
                try await harness.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web-0}
                    spec: {nodeName: \(node), containers: [{name: app, image: registry.local/web:v1}]}
                    """)
                let drain = await harness.execute(
                    .drainNode, on: "Node", node, apiVersion: "v1", parameters: ["gracePeriodSeconds": .int(grace), "timeoutSeconds": 2, "force": true],
                    actionId: "drain-wait", clusterScoped: true)
                #expect(drain.result == .succeeded)
                let left = try await harness.client.list(
                    Pod.self, .pods, namespace: harness.namespace, options: ListOptions(fieldSelector: "spec.nodeName=\(node)")).items
                if gone {
                    #expect(left.isEmpty, "a pod evicted with grace 0 is gone when the drain returns")
                    #expect(!drain.message.contains("still present"))
                } else {
                    #expect(left.first?.metadata.deletionTimestamp != nil, "without a kubelet a graceful pod stays terminating")
                    #expect(drain.message.hasSuffix("1 evicted pods still present after 2s: \(harness.namespace)/web-0"))
                }
            }
        }
    }
}
