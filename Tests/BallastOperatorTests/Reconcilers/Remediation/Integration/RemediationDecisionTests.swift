import BallastAPI
import BallastCore
import Foundation
import KubeClient
import KubeTypes
import Testing
@testable import BallastOperator

/// Alert-driven requests: target resolution from alert labels, decisions, deduplication.
@Suite("Remediation reconciler: alerts, decisions, targets")
struct RemediationDecisionTests {
    /// The name of one pod the Deployment's ReplicaSet created.
    static func podOf(_ harness: RemediationHarness, deployment: String = "web") async throws -> String {
        var name: String?
        try await RemediationHarness.eventually("a pod of Deployment \(deployment)") {
            name = try await harness.client.list(
                Pod.self, .pods, namespace: harness.namespace, options: ListOptions(labelSelector: "app=\(deployment)")
            ).items.first?.metadata.name
            return name != nil
        }
        return try #require(name)
    }

    @Test("an OOM alert on a pod resolves to its Deployment, the rules raise memory, the policy bounds it")
    func oomAlert() async throws {
        try await RemediationHarness.run("rr-oom") { harness in
            try await harness.deployment(replicas: 1)
            try await harness.policy("enforce", SafetyPolicySpec(
                mode: .enforce, minConfidence: 0.8, actions: [ActionPolicy(name: .increaseResources, limits: ["maxMemory": "4Gi"])]))
            let pod = try await Self.podOf(harness)
            let alert = AlertInfo(
                name: "KubeContainerOOMKilled", severity: .warning, fingerprint: "fp-oom", source: "alertmanager",
                labels: ["alertname": "KubeContainerOOMKilled", "namespace": harness.namespace, "pod": pod, "container": "app"])
            try await harness.request("oom", RemediationRequestSpec(alert: alert))
            try await harness.reconcile("oom")
            let request = try await harness.live("oom")
            #expect(request.status?.target?.kind == "Deployment")
            #expect(request.status?.target?.name == "web")
            let decision = try #require(request.status?.decision)
            #expect(decision.action == .increaseResources)
            #expect(decision.source == .rules)
            #expect(request.condition(LifecycleCondition.decided)?.reason == "RulesDecided")
            #expect(request.status?.phase == .verifying)
            let limits = try await harness.liveDeployment()["spec"]?["template"]?["spec"]?["containers"]?.arrayValue?.first?["resources"]?["limits"]
            #expect(limits?["memory"] == "768Mi")
            let rendered = String(decoding: harness.env.metrics.render(), as: UTF8.self)
            #expect(rendered.contains("ballast_decisions_total{"))
        }
    }

    @Test("a second request for the same alert fingerprint is Skipped as a duplicate of the first")
    func duplicate() async throws {
        try await RemediationHarness.run("rr-dup") { harness in
            try await harness.deployment()
            let alert = AlertInfo(
                name: "KubeDeploymentReplicasMismatch", severity: .warning, fingerprint: "fp-dup",
                labels: ["alertname": "KubeDeploymentReplicasMismatch", "deployment": "web"])
            try await harness.request("first", RemediationRequestSpec(alert: alert))
            try await Task.sleep(for: .seconds(1))  // creationTimestamp has whole seconds: make the order unambiguous
            try await harness.request("second", RemediationRequestSpec(alert: alert))
            try await harness.reconcile("second")
            let second = try await harness.live("second")
            #expect(second.status?.phase == .skipped)
            #expect(second.condition(LifecycleCondition.decided)?.reason == "Deduplicated")
            #expect(second.condition(LifecycleCondition.decided)?.message.contains("first") == true)
            #expect(try await harness.live("first").status == nil, "the first is left to its own reconcile")
        }
    }

    @Test("a node's history lives in the operator's namespace; policies selecting namespaces do not cover nodes")
    func nodeTarget() async throws {
        try await RemediationHarness.run("rr-node") { harness in
            let node = "\(harness.namespace)-node"
            try await harness.cluster.kubectlChecked(["apply", "-f", "-"], input: "{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"\(node)\"}}")
            defer { harness.cluster.kubectlInBackground(["delete", "node", node, "--wait=false"]) }
            try await harness.request("cordon", RemediationRequestSpec(
                target: TargetReference(apiVersion: "v1", kind: "Node", name: node), action: RequestedAction(name: .cordonNode)))
            try await harness.reconcile("cordon")
            let request = try await harness.live("cordon")
            #expect(request.status?.phase == .completed)
            #expect(request.status?.policy?.policies == [PolicyDefaults.name], "the built-in defaults: dry run")
            #expect(request.status?.historyRef == "node-\(node)")
            let history = try await harness.client.get(ActionHistory.self, .actionHistories, name: "node-\(node)", namespace: harness.namespace)
            #expect(history.status?.entries?.map(\.state) == [.dryRun])
            let live = try await harness.client.get(UnstructuredObject.self, .nodes, name: node)
            #expect(live["spec"]?["unschedulable"] == nil)
        }
    }

    @Test("a replicas mismatch gets collect_diagnostics: read-only, Completed at once, its summary in the status")
    func diagnostics() async throws {
        try await RemediationHarness.run("rr-diag") { harness in
            try await harness.deployment(replicas: 1)
            let pod = try await Self.podOf(harness)
            // What a kubelet reports for a container that keeps crashing.
            try await harness.client.patchStatus(
                UnstructuredObject.self, .pods, name: pod, namespace: harness.namespace,
                .merge(["status": ["phase": "Running", "containerStatuses": [[
                    "name": "app", "ready": false, "restartCount": 5, "image": "registry.local/web:v1", "imageID": "",
                    "state": ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off 5m0s"]],
                ]]]]))
            let settled = try await harness.settledDeployment()
            let alert = AlertInfo(
                name: "KubeDeploymentReplicasMismatch", severity: .warning, fingerprint: "fp-diag",
                labels: ["alertname": "KubeDeploymentReplicasMismatch", "deployment": "web"])
            try await harness.request("diag", RemediationRequestSpec(alert: alert))
            #expect(try await harness.reconcile("diag") == .done)
            let request = try await harness.live("diag")
            #expect(request.status?.decision?.action == .collectDiagnostics)
            #expect(request.status?.phase == .completed)
            let message = try #require(request.status?.execution?.message)
            #expect(message.contains("\(pod)/app"), "the pods' container states: \(message)")
            #expect(message.contains("CrashLoopBackOff"), "the pods' container states: \(message)")
            let diagnosed = try #require(request.status?.diagnostics?.pods.first { $0.name == pod }, "status.diagnostics")
            #expect(diagnosed.containers.map(\.state) == ["Waiting: CrashLoopBackOff"])
            #expect(diagnosed.containers.first?.restartCount == 5)
            #expect(try await harness.liveDeployment().showsNoWrite(since: settled))
        }
    }
}
