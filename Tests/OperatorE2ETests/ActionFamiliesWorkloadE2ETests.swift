import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

/// The workload action families (scale, restart, resources, rollback) run by the real operator
/// on real Deployments, StatefulSets and DaemonSets, for real and as a server-side dry run: the target's
/// field changes (or stays), the request's execution status, its `Executed` condition, its
/// Events and the ActionHistory entry all say the same thing.
@Suite(.timeLimit(.minutes(3))) struct ActionFamiliesWorkloadE2ETests {
    /// One workload action: what it is asked, where the changed field lives, its value after.
    struct WorkloadCase: Sendable, CustomTestStringConvertible {
        let action: ActionName
        let kind: String
        let parameters: [String: JSONValue]
        let resource: ResourceDescriptor
        /// Reads the field the action changes.
        let observe: @Sendable (UnstructuredObject) -> JSONValue?
        /// The field's value after a real run; `nil`: the request's actionId.
        let expected: JSONValue?
        var testDescription: String { action.rawValue }
    }

    static let appContainer: @Sendable (UnstructuredObject) -> JSONValue? = { object in
        object["spec"]?.value(at: ["template", "spec", "containers"])?.arrayValue?.first
    }

    /// The rollout-restart annotation on the pod template (set to the actionId).
    static let restartAnnotation: @Sendable (UnstructuredObject) -> JSONValue? = { object in
        object["spec"]?.value(at: ["template", "metadata", "annotations", "ballast.dev/restart-action-id"])
    }

    static let cases: [WorkloadCase] = [
        WorkloadCase(
            action: .scaleDeployment, kind: "Deployment", parameters: ["replicas": 4], resource: .deployments,
            observe: { $0["spec"]?["replicas"] }, expected: 4),
        WorkloadCase(
            action: .scaleStatefulSet, kind: "StatefulSet", parameters: ["replicas": 3], resource: .statefulSets,
            observe: { $0["spec"]?["replicas"] }, expected: 3),
        WorkloadCase(
            action: .restartDeployment, kind: "Deployment", parameters: [:], resource: .deployments,
            observe: restartAnnotation, expected: nil),
        WorkloadCase(
            action: .restartStatefulSet, kind: "StatefulSet", parameters: [:], resource: .statefulSets,
            observe: restartAnnotation, expected: nil),
        WorkloadCase(
            action: .restartDaemonSet, kind: "DaemonSet", parameters: [:], resource: .daemonSets,
            observe: restartAnnotation, expected: nil),
        WorkloadCase(
            action: .increaseResources, kind: "Deployment", parameters: ["container": "app", "memoryLimit": "1Gi"],
            resource: .deployments, observe: { ActionFamiliesWorkloadE2ETests.appContainer($0)?.value(at: ["resources", "limits", "memory"]) },
            expected: "1Gi"),
    ]

    @Test(arguments: cases, [false, true])
    func workloadActionChangesItsTargetOnlyWhenNotADryRun(_ family: WorkloadCase, dryRun: Bool) async throws {
        try await Scenario.run("e2f-\(family.action.rawValue.prefix(11).replacingOccurrences(of: "_", with: "-"))") { scenario in
            try await scenario.applyEveryActionPolicy()
            scenario.startKubelet(.allReady)
            let target = scenario.target(family.kind, try await scenario.createWorkload(family.kind))
            let before = try await scenario.object(family.resource, target.name)
            _ = try await scenario.startOperator()

            try await scenario.requestAction(
                "act", family.action, parameters: family.parameters, target: target, mode: dryRun ? .dryRun : .auto)
            let done = try await scenario.waitForOutcome("act")
            let summary = Scenario.summary(done)
            let actionId = try #require(done.status?.execution?.actionId, "\(summary)")
            #expect(done.status?.execution?.result == .succeeded, "\(summary)")
            #expect(done.status?.execution?.dryRun == dryRun)
            let after = try await scenario.object(family.resource, target.name)
            let executed = Scenario.condition("Executed", of: done)
            #expect(executed?.status == .true, "\(summary)")
            let entry = try await scenario.historyEntry(of: target, actionId: actionId)
            #expect(entry.action == family.action)
            if dryRun {
                #expect(done.status?.phase == .completed, "a dry run completes at once: \(summary)")
                #expect(executed?.reason == "DryRun")
                #expect(family.observe(after) == family.observe(before), "a dry run changes nothing")
                #expect(after.metadata.generation == before.metadata.generation)
                #expect(after.metadata.annotations?["ballast.dev/last-action-id"] == nil)
                #expect(entry.state == .dryRun)
            } else {
                #expect(executed?.reason == "Succeeded", "\(summary)")
                #expect(family.observe(after) == (family.expected ?? .string(actionId)))
                #expect(family.observe(after) != family.observe(before))
                #expect(after.metadata.annotations?["ballast.dev/last-action-id"] == actionId, "the target is stamped")
                #expect(done.status?.execution?.changes?.isEmpty == false, "the changes are listed")
                #expect(entry.state == .succeeded)
            }
            // Events are written asynchronously: wait for the one the outcome implies.
            try await scenario.waitForEvent(dryRun ? "DryRun" : "Succeeded", about: "act")
        }
    }

    @Test func rollbackReturnsTheDeploymentToThePreviousRevisionsImage() async throws {
        try await Scenario.run("e2f-rollback") { scenario in
            try await scenario.applyEveryActionPolicy()
            scenario.startKubelet(.allReady)
            try await scenario.createDeployment("web", image: "registry.local/web:v1", replicas: 2)
            try await scenario.setImage("web", "registry.local/web:v2")
            let revision2 = try await scenario.deployment("web").metadata.annotations?["deployment.kubernetes.io/revision"]
            #expect(revision2 == "2")
            _ = try await scenario.startOperator()

            try await scenario.requestAction("undo", .rollbackDeployment, target: scenario.deploymentTarget("web"))
            let done = try await scenario.waitForOutcome("undo")
            #expect(Scenario.condition("Executed", of: done)?.reason == "Succeeded", "\(Scenario.summary(done))")
            #expect(try await scenario.templateImage("web") == "registry.local/web:v1")
            try await scenario.waitForRollout("web", image: "registry.local/web:v1")
            let revision = try await scenario.deployment("web").metadata.annotations?["deployment.kubernetes.io/revision"]
            #expect(revision == "3", "revision 1's template becomes revision 3, as kubectl rollout undo does")
            let change = done.status?.execution?.changes?.first { $0.path.contains("image") }
            #expect(change?.from == "registry.local/web:v2" && change?.to == "registry.local/web:v1", "\(done.status?.execution?.changes ?? [])")
        }
    }
}
