import BallastAPI
import KubeClient
import KubeTypes
import Testing

@testable import BallastOperator

@Suite struct RollbackExecutorTests {
    /// The image of the first container of a pod-template-bearing object.
    func image(_ object: UnstructuredObject) -> JSONValue? {
        object.at("spec", "template", "spec", "containers")?.arrayValue?.first?["image"]
    }

    /// `{revision: image}` of the Deployment's ReplicaSets.
    func history(_ harness: ExecutorHarness) async throws -> [String: JSONValue] {
        let sets = try await harness.client.list(UnstructuredObject.self, .replicaSets, namespace: harness.namespace).items
        var result: [String: JSONValue] = [:]
        for set in sets {
            if let revision = set.metadata.annotations?[RollbackPlanner.revisionKey] { result[revision] = image(set) ?? .null }
        }
        return result
    }

    @Test func rollsTheTemplateBackToThePreviousRevisionGuardedByResourceVersion() async throws {
        try await ExecutorHarness.run("exec-undo") { harness in
            try await harness.deployment("web", image: "registry.local/web:v1")
            let none = await harness.execute(.rollbackDeployment, on: "Deployment", "web", actionId: "undo-0")
            #expect([RefusalReason.noPreviousRevision].contains(none.result.refusalReason ?? .nothingToDo))
            try await ExecutorHarness.eventually("revision 1") { try await history(harness) == ["1": "registry.local/web:v1"] }
            try await harness.cluster.kubectlChecked(["set", "image", "-n", harness.namespace, "deployment/web", "app=registry.local/web:v2"])
            try await ExecutorHarness.eventually("revision 2") { try await history(harness).count == 2 }

            let dry = await harness.execute(.rollbackDeployment, on: "Deployment", "web", actionId: "undo-1", dryRun: true)
            #expect(dry.result == .succeeded)
            #expect(image(try await harness.object(.deployments, "web")) == "registry.local/web:v2")

            let target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: harness.namespace, name: "web")
            let prepared = await harness.executor.prepare(action: .rollbackDeployment, parameters: [:], target: target, actionId: "undo-1")
            guard case .ready(let input, let plan) = prepared else {
                Issue.record("expected a plan, got \(prepared)")
                return
            }
            try await harness.cluster.kubectlChecked(["annotate", "-n", harness.namespace, "deployment/web", "team=shop"])
            let stale = await harness.executor.apply(plan, input: input, dryRun: false)
            guard case .failed(let failure) = stale.result else {
                Issue.record("expected the JSON patch to conflict, got \(stale.result)")
                return
            }
            #expect(failure.code == KubeError.Code.conflict.rawValue && stale.changes.isEmpty)
            #expect(image(try await harness.object(.deployments, "web")) == "registry.local/web:v2")

            let real = await harness.execute(.rollbackDeployment, on: "Deployment", "web", actionId: "undo-1")
            #expect(real.result == .succeeded, "\(real.message)")
            #expect(real.before["revision"] == 2 && real.after["revision"] == 1)
            #expect(real.changes.contains(FieldChange(
                path: "spec.template.spec.containers[app].image", from: "registry.local/web:v2", to: "registry.local/web:v1")))
            let rolledBack = try await harness.object(.deployments, "web")
            #expect(image(rolledBack) == "registry.local/web:v1")
            #expect(rolledBack.at("spec", "template", "metadata", "labels", RollbackPlanner.hashLabel) == nil)
            try await ExecutorHarness.eventually("the v1 ReplicaSet becomes revision 3") {
                try await history(harness) == ["2": "registry.local/web:v2", "3": "registry.local/web:v1"]
            }

            let again = await harness.execute(.rollbackDeployment, on: "Deployment", "web", actionId: "undo-1")
            #expect(again.result == .alreadyApplied)
            #expect(image(try await harness.object(.deployments, "web")) == "registry.local/web:v1")
        }
    }
}
