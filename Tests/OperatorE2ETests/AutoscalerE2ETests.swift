import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

/// A Deployment whose replicas an autoscaling/v2beta2 HorizontalPodAutoscaler owns: the operator
/// refuses to scale it (the HPA would undo it and the two would fight), says so in the request's
/// status and Events naming the HPA, and `update_hpa` moves the HPA's bounds instead.
@Suite(.timeLimit(.minutes(3))) struct AutoscalerE2ETests {
    @Test func scalingAnHPAOwnedDeploymentIsRefusedAndUpdateHPAMovesTheBounds() async throws {
        try await Scenario.run("e2f-hpa") { scenario in
            try await scenario.applyEveryActionPolicy()
            scenario.startKubelet(.allReady)
            try await scenario.createDeployment("web", replicas: 2)
            try await scenario.apply("""
                apiVersion: autoscaling/v2beta2
                kind: HorizontalPodAutoscaler
                metadata: {name: web-hpa}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 2
                  maxReplicas: 5
                  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
                """)
            let generation = try await scenario.deployment("web").metadata.generation
            _ = try await scenario.startOperator()

            try await scenario.requestAction("scale", .scaleDeployment, parameters: ["replicas": 4], on: "web")
            let refused = try await scenario.waitForOutcome("scale")
            #expect(refused.status?.phase == .failed, "\(Scenario.summary(refused))")
            let executed = Scenario.condition("Executed", of: refused)
            #expect(executed?.status == .false)
            #expect(executed?.reason == "HPAOwned", "\(Scenario.summary(refused))")
            #expect(executed?.message.contains("web-hpa") == true && executed?.message.contains("update_hpa") == true)
            #expect(refused.status?.execution?.message?.contains("min 2, max 5") == true, "\(refused.status?.execution?.message ?? "-")")
            #expect(refused.status?.execution?.changes == nil, "nothing changed")
            let deployment = try await scenario.deployment("web")
            #expect(deployment.spec?.replicas == 2)
            #expect(deployment.metadata.generation == generation)
            // Events are written just after the status that orders them: wait for it.
            try await scenario.waitForEvent("HPAOwned", about: "scale")
            let events = try await scenario.events(about: "scale")
            #expect(events.contains { $0.reason == "HPAOwned" && $0.type == "Warning" && ($0.message ?? "").contains("web-hpa") },
                    "\(events.map { "\($0.reason ?? "-"): \($0.message ?? "")" })")
            let entries = try await scenario.historyEntries(of: scenario.deploymentTarget("web"))
            #expect(entries.map(\.state) == [.abandoned], "a refusal counts for no circuit breaker: \(entries)")

            let hpa = scenario.target("HorizontalPodAutoscaler", "web-hpa")
            try await scenario.requestAction("bounds", .updateHPA, parameters: ["minReplicas": 3, "maxReplicas": 8], target: hpa)
            let moved = try await scenario.waitForOutcome("bounds")
            #expect(Scenario.condition("Executed", of: moved)?.reason == "Succeeded", "\(Scenario.summary(moved))")
            let stored = try await scenario.object(.horizontalPodAutoscalers, "web-hpa")
            #expect(stored["spec"]?["minReplicas"]?.intValue == 3)
            #expect(stored["spec"]?["maxReplicas"]?.intValue == 8)
            #expect(Set(moved.status?.execution?.changes?.map(\.path) ?? []) == ["spec.minReplicas", "spec.maxReplicas"])
        }
    }
}
