import BallastAPI
import KubeClient
import KubeTypes
import Testing

@testable import BallastOperator

@Suite struct ScalePlannerTests {
    func hpa(kind: String, name: String) -> HorizontalPodAutoscaler {
        HorizontalPodAutoscaler(
            metadata: ObjectMeta(name: "hpa-\(name)", namespace: "shop"),
            spec: .init(scaleTargetRef: CrossVersionObjectReference(apiVersion: "apps/v1", kind: kind, name: name), minReplicas: 2, maxReplicas: 9))
    }

    @Test(arguments: [
        (Int64?(3), Int64(5), "replicas 3 -> 5"),
        (Int64?(3), Int64(0), "replicas 3 -> 0"),
        (Int64?.none, Int64(4), "replicas 1 -> 4"),
    ])
    func setsAbsoluteReplicasGuardedAndStamped(current: Int64?, desired: Int64, summary: String) throws {
        let decision = ScalePlanner.plan(
            PlannerFixture.input(.scaleDeployment, PlannerFixture.deployment(replicas: current), parameters: ["replicas": .int(desired)]),
            autoscalers: [hpa(kind: "Deployment", name: "other"), hpa(kind: "StatefulSet", name: "web")])
        let plan = try #require(decision.plan)
        #expect(plan.summary == summary)
        #expect(plan.changes == [FieldChange(path: "spec.replicas", from: .int(current ?? 1), to: .int(desired))])
        #expect(plan.before == ["replicas": .int(current ?? 1)] && plan.after == ["replicas": .int(desired)])
        let body = try #require(decision.firstPatchBody)
        #expect(body.value(at: ["spec", "replicas"]) == .int(desired))
        #expect(body.value(at: ["metadata", "resourceVersion"]) == "42")
        #expect(body.value(at: ["metadata", "annotations", AppliedRecord.actionIdKey]) == .string(PlannerFixture.actionId))
    }

    @Test func refusesWhenAnHPAOwnsTheWorkload() {
        let decision = ScalePlanner.plan(
            PlannerFixture.input(.scaleDeployment, PlannerFixture.deployment(), parameters: ["replicas": 5]),
            autoscalers: [hpa(kind: "Deployment", name: "web")])
        guard case .refuse(let refusal) = decision else { Issue.record("expected refusal"); return }
        #expect(refusal.reason == .hpaOwned)
        #expect(refusal.message.contains("hpa-web") && refusal.message.contains("update_hpa"))
    }

    @Test func refusesTheCurrentCount() {
        let decision = ScalePlanner.plan(
            PlannerFixture.input(.scaleDeployment, PlannerFixture.deployment(replicas: 3), parameters: ["replicas": 3]), autoscalers: [])
        #expect(decision.refusalReason == .nothingToDo)
    }
}

@Suite struct RestartPlannerTests {
    @Test func setsTheTemplateAnnotationToTheActionId() throws {
        let decision = RestartPlanner.plan(PlannerFixture.input(.restartDeployment, PlannerFixture.deployment(templateAnnotations: ["keep": "me"])))
        let body = try #require(decision.firstPatchBody)
        #expect(body.value(at: ["spec", "template", "metadata", "annotations", RestartPlanner.annotationKey]) == .string(PlannerFixture.actionId))
        #expect(body.value(at: ["spec", "template", "metadata", "annotations", "keep"]) == nil, "merge patch leaves other annotations alone")
        let plan = try #require(decision.plan)
        #expect(plan.changes == [FieldChange(path: RestartPlanner.changePath, from: nil, to: .string(PlannerFixture.actionId))])
    }

    @Test func aNewActionIdRestartsAgain() throws {
        let target = PlannerFixture.deployment(templateAnnotations: [RestartPlanner.annotationKey: "older-action"])
        let plan = try #require(RestartPlanner.plan(PlannerFixture.input(.restartDeployment, target)).plan)
        #expect(plan.changes.first?.from == "older-action")
    }

    @Test func theSameActionIdIsAlreadyApplied() {
        let target = PlannerFixture.deployment(templateAnnotations: [RestartPlanner.annotationKey: .string(PlannerFixture.actionId)])
        guard case .alreadyApplied(let record) = RestartPlanner.plan(PlannerFixture.input(.restartDeployment, target)) else {
            Issue.record("expected alreadyApplied")
            return
        }
        #expect(record.actionId == PlannerFixture.actionId)
    }

    @Test func refusesAPausedDeploymentNamingIt() {
        guard case .refuse(let refusal) = RestartPlanner.plan(PlannerFixture.input(.restartDeployment, PlannerFixture.deployment(paused: true))) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(refusal == Refusal(.deploymentPaused, "Deployment shop/web is paused; resume it before restarting it"))
    }

    @Test func aPausedDeploymentAlreadyRestartedByThisActionIdIsAlreadyApplied() {
        let target = PlannerFixture.deployment(templateAnnotations: [RestartPlanner.annotationKey: .string(PlannerFixture.actionId)], paused: true)
        guard case .alreadyApplied = RestartPlanner.plan(PlannerFixture.input(.restartDeployment, target)) else {
            Issue.record("expected alreadyApplied: the restart happened before the pause")
            return
        }
    }

}
