import BallastAPI
import KubeClient
import KubeTypes
import Testing

@testable import BallastOperator

@Suite struct ExecutorEdgeCaseTests {
    @Test func refusesWithoutTouchingAnything() async throws {
        try await ExecutorHarness.run("exec-edge") { harness in
            try await harness.deployment("web")
            let before = try await harness.settled(.deployments, "web")
            let missing = await harness.execute(.scaleDeployment, on: "Deployment", "nope", parameters: ["replicas": 3])
            #expect(missing.result.refusalReason == .targetNotFound)
            let wrongKind = await harness.execute(.scaleDeployment, on: "DaemonSet", "web", parameters: ["replicas": 3])
            #expect(wrongKind.result.refusalReason == .unsupportedTarget)
            let invalid = await harness.execute(.scaleDeployment, on: "Deployment", "web", parameters: ["replicas": 5000])
            #expect(invalid.result.refusalReason == .invalidParameters)
            let overLimit = await harness.execute(
                .scaleDeployment, on: "Deployment", "web", parameters: ["replicas": 9], limits: ["maxStep": 3])
            #expect(overLimit.result.refusalReason == .invalidParameters)
            let replaced = await harness.executor.execute(
                action: .restartDeployment, parameters: [:],
                target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: harness.namespace, name: "web", uid: "old-uid"),
                actionId: "a", dryRun: false)
            #expect(replaced.result.refusalReason == .targetReplaced)
            #expect(try await harness.object(.deployments, "web").showsNoWrite(since: before))
        }
    }

    @Test(arguments: [(ActionName.notifyOnly, "message"), (.escalate, "reason")])
    func noticesChangeNothing(action: ActionName, parameter: String) async throws {
        try await ExecutorHarness.run("exec-notice") { harness in
            try await harness.deployment("web")
            let before = try await harness.settled(.deployments, "web")
            let outcome = await harness.execute(action, on: "Deployment", "web", parameters: [parameter: "look at web"])
            #expect(outcome.result == .succeeded && outcome.changes.isEmpty)
            #expect(outcome.message.hasSuffix("look at web"))
            #expect(try await harness.object(.deployments, "web").showsNoWrite(since: before))
        }
    }

    @Test func aForbiddenWriteIsAFailureThatChangedNothing() async throws {
        try await ExecutorHarness.run("exec-forbid") { harness in
            try await harness.deployment("web")
            let lowPrivilege = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: harness.cluster.lowPrivilegeKubeconfig))
            let executor = ActionExecutor(client: lowPrivilege, logger: harness.executor.logger)
            let outcome = await executor.execute(
                action: .scaleDeployment, parameters: ["replicas": 3],
                target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: harness.namespace, name: "web"),
                actionId: "a", dryRun: false)
            try await lowPrivilege.shutdown()
            guard case .failed(let failure) = outcome.result else {
                Issue.record("expected a failure, got \(outcome.result)")
                return
            }
            #expect(failure.code == KubeError.Code.forbidden.rawValue)
            #expect(outcome.changes.isEmpty)
            #expect(try await harness.object(.deployments, "web").at("spec", "replicas") == 2)
        }
    }
}
