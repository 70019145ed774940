import BallastAPI
import KubeClient
import KubeTypes
import Testing

@testable import BallastOperator

@Suite struct WorkloadExecutorTests {
    @Test func scaleSetsReplicasStampsTheTargetAndIsIdempotent() async throws {
        try await ExecutorHarness.run("exec-scale") { harness in
            try await harness.deployment("web")
            let dry = await harness.execute(.scaleDeployment, on: "Deployment", "web", parameters: ["replicas": 4], dryRun: true)
            #expect(dry.result == .succeeded && dry.dryRun)
            #expect(dry.changes == [FieldChange(path: "spec.replicas", from: 2, to: 4)])
            let untouched = try await harness.object(.deployments, "web")
            #expect(untouched.at("spec", "replicas") == 2)
            #expect(untouched.metadata.annotations?[AppliedRecord.actionIdKey] == nil)

            let real = await harness.execute(.scaleDeployment, on: "Deployment", "web", parameters: ["replicas": 4])
            #expect(real.result == .succeeded)
            let scaled = try await harness.settled(.deployments, "web")
            #expect(scaled.at("spec", "replicas") == 4)
            #expect(scaled.metadata.annotations?[AppliedRecord.actionIdKey] == "action-1")

            let again = await harness.execute(.scaleDeployment, on: "Deployment", "web", parameters: ["replicas": 4])
            #expect(again.result == .alreadyApplied)
            #expect(again.changes == real.changes)
            // No write: the spec's generation and the stamp are as the first run left them (the
            // resourceVersion may still move: the deployment controller writes the status).
            let after = try await harness.object(.deployments, "web")
            #expect(after.metadata.generation == scaled.metadata.generation)
            #expect(after.metadata.annotations == scaled.metadata.annotations)
        }
    }

    @Test func scaleIsRefusedForAnHPAOwnedDeploymentAndUpdateHPAMovesItsBounds() async throws {
        try await ExecutorHarness.run("exec-hpa") { harness in
            try await harness.deployment("web")
            try await harness.apply("""
                apiVersion: autoscaling/v2beta2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 2
                  maxReplicas: 5
                  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
                """)
            let before = try await harness.settled(.deployments, "web")
            let refused = await harness.execute(.scaleDeployment, on: "Deployment", "web", parameters: ["replicas": 6])
            #expect(refused.result.refusalReason == .hpaOwned)
            #expect(try await harness.object(.deployments, "web").showsNoWrite(since: before))

            let dry = await harness.execute(
                .updateHPA, on: "HorizontalPodAutoscaler", "web", apiVersion: "autoscaling/v2beta2",
                parameters: ["maxReplicas": 8], dryRun: true)
            #expect(dry.result == .succeeded)
            #expect(try await harness.object(.horizontalPodAutoscalers, "web").at("spec", "maxReplicas") == 5)
            let updated = await harness.execute(
                .updateHPA, on: "HorizontalPodAutoscaler", "web", apiVersion: "autoscaling/v2beta2",
                parameters: ["minReplicas": 3, "maxReplicas": 8])
            #expect(updated.result == .succeeded)
            let hpa = try await harness.object(.horizontalPodAutoscalers, "web")
            #expect(hpa.at("spec", "minReplicas") == 3 && hpa.at("spec", "maxReplicas") == 8)
        }
    }

    @Test(arguments: [
        ("Deployment", ResourceDescriptor.deployments, ActionName.restartDeployment),
        ("StatefulSet", .statefulSets, .restartStatefulSet),
        ("DaemonSet", .daemonSets, .restartDaemonSet),
    ])
    func restartSetsTheTemplateAnnotationOnceForAnActionId(kind: String, resource: ResourceDescriptor, action: ActionName) async throws {
        try await ExecutorHarness.run("exec-restart") { harness in
            let extra = kind == "StatefulSet" ? "  serviceName: web\n" : ""
            try await harness.apply("""
                apiVersion: apps/v1
                kind: \(kind)
                metadata: {name: web}
                spec:
                \(extra)  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: registry.local/web:v1}]}
                """)
            let dry = await harness.execute(action, on: kind, "web", dryRun: true)
            #expect(dry.result == .succeeded)
            #expect(try await harness.object(resource, "web").at("spec", "template", "metadata", "annotations") == nil)

            let real = await harness.execute(action, on: kind, "web", actionId: "restart-7")
            #expect(real.result == .succeeded)
            let restarted = try await harness.settled(resource, "web")
            #expect(restarted.at("spec", "template", "metadata", "annotations", RestartPlanner.annotationKey) == "restart-7")

            let again = await harness.execute(action, on: kind, "web", actionId: "restart-7")
            #expect(again.result == .alreadyApplied)
            #expect(try await harness.object(resource, "web").showsNoWrite(since: restarted))
        }
    }

    @Test func increaseResourcesByFactorAppliesOncePerActionId() async throws {
        try await ExecutorHarness.run("exec-res") { harness in
            try await harness.deployment("web")
            let limitPath = ["spec", "template", "spec", "containers"]
            func memory(_ object: UnstructuredObject) -> (JSONValue?, JSONValue?) {
                let container = object.at(limitPath[0], limitPath[1], limitPath[2], limitPath[3])?.arrayValue?.first
                return (container?.value(at: ["resources", "limits", "memory"]), container?.value(at: ["resources", "requests", "memory"]))
            }
            let parameters: [String: JSONValue] = ["container": "app", "resource": "memory", "factor": 1.5]
            let dry = await harness.execute(.increaseResources, on: "Deployment", "web", parameters: parameters, dryRun: true)
            #expect(dry.result == .succeeded)
            #expect(memory(try await harness.object(.deployments, "web")) == ("512Mi", "256Mi"))

            let real = await harness.execute(.increaseResources, on: "Deployment", "web", parameters: parameters)
            #expect(real.result == .succeeded)
            #expect(real.changes.contains(FieldChange(
                path: "spec.template.spec.containers[app].resources.limits.memory", from: "512Mi", to: "768Mi")))
            #expect(memory(try await harness.object(.deployments, "web")) == ("768Mi", "384Mi"))

            let again = await harness.execute(.increaseResources, on: "Deployment", "web", parameters: parameters)
            #expect(again.result == .alreadyApplied)
            #expect(memory(try await harness.object(.deployments, "web")) == ("768Mi", "384Mi"))

            let lower = await harness.execute(
                .increaseResources, on: "Deployment", "web", parameters: ["container": "app", "memoryLimit": "600Mi"], actionId: "action-2")
            #expect(lower.result.refusalReason == .limitsWouldLower)
        }
    }

    @Test func aConcurrentChangeBetweenPlanAndApplyIsAConflictAndNotOverwritten() async throws {
        try await ExecutorHarness.run("exec-conflict") { harness in
            try await harness.deployment("web")
            let target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: harness.namespace, name: "web")
            let prepared = await harness.executor.prepare(
                action: .scaleDeployment, parameters: ["replicas": 5], target: target, actionId: "conflict-1")
            guard case .ready(let input, let plan) = prepared else {
                Issue.record("expected a plan, got \(prepared)")
                return
            }
            try await harness.cluster.kubectlChecked(["scale", "-n", harness.namespace, "deployment/web", "--replicas=7"])

            let outcome = await harness.executor.apply(plan, input: input, dryRun: false)
            guard case .failed(let failure) = outcome.result else {
                Issue.record("expected a failure, got \(outcome.result)")
                return
            }
            #expect(failure.code == KubeError.Code.conflict.rawValue)
            #expect(outcome.changes.isEmpty)
            let live = try await harness.object(.deployments, "web")
            #expect(live.at("spec", "replicas") == 7)
            #expect(live.metadata.annotations?[AppliedRecord.actionIdKey] == nil)

            let retried = await harness.execute(.scaleDeployment, on: "Deployment", "web", parameters: ["replicas": 5], actionId: "conflict-1")
            #expect(retried.changes == [FieldChange(path: "spec.replicas", from: 7, to: 5)])
            #expect(try await harness.object(.deployments, "web").at("spec", "replicas") == 5)
        }
    }
}
