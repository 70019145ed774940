import BallastAPI
import KubeClient
import KubeTypes
import Testing

@testable import BallastOperator

@Suite struct ResourcesPlannerTests {
    @Test(arguments: [
        (["container": "app", "factor": 1.5] as [String: JSONValue], ["limits.memory": "768Mi", "requests.memory": "384Mi"]),
        (["container": "app", "memoryLimit": "1Gi"], ["limits.memory": "1Gi"]),
        (["container": "app", "memoryLimit": "1Gi", "factor": 2.0], ["limits.memory": "1Gi", "requests.memory": "512Mi"]),
        (["container": "app", "cpuRequest": "250m"], ["requests.cpu": "250m"]),
    ])
    func raisesTheContainersValues(parameters: [String: JSONValue], expected: [String: String]) throws {
        let decision = ResourcesPlanner.plan(PlannerFixture.input(.increaseResources, PlannerFixture.deployment(), parameters: parameters))
        let plan = try #require(decision.plan)
        let prefix = "spec.template.spec.containers[app].resources."
        let changed = Dictionary(uniqueKeysWithValues: plan.changes.map { (String($0.path.dropFirst(prefix.count)), $0.to?.stringValue ?? "") })
        #expect(changed == expected)
        let body = try #require(decision.firstPatchBody)
        let container = try #require(body.value(at: ["spec", "template", "spec", "containers"])?.arrayValue?.first)
        #expect(container["name"] == "app")
        for (path, value) in expected {
            #expect(container.value(at: ["resources"] + path.split(separator: ".").map(String.init)) == .string(value))
        }
        #expect(body.value(at: ["metadata", "resourceVersion"]) == "42")
    }

    @Test(arguments: [
        (["container": "app", "memoryLimit": "256Mi"] as [String: JSONValue], [String: JSONValue](), RefusalReason.limitsWouldLower),
        (["container": "app", "memoryLimit": "512Mi"], [:], .nothingToDo),
        (["container": "db", "factor": 2.0], [:], .containerNotFound),
        (["container": "app", "factor": 2.0], ["maxMemory": "768Mi"], .exceedsLimit),
        (["container": "app", "factor": 2.0, "resource": "cpu"], [:], .nothingToDo),
    ])
    func refuses(parameters: [String: JSONValue], limits: [String: JSONValue], reason: RefusalReason) {
        let decision = ResourcesPlanner.plan(
            PlannerFixture.input(.increaseResources, PlannerFixture.deployment(), parameters: parameters, limits: limits))
        #expect(decision.refusalReason == reason)
    }

    @Test func refusesAPausedDeploymentBeforeLookingAtTheParameters() {
        for parameters: [String: JSONValue] in [["container": "app", "factor": 1.5], ["container": "missing", "memoryLimit": "1Gi"]] {
            let decision = ResourcesPlanner.plan(
                PlannerFixture.input(.increaseResources, PlannerFixture.deployment(paused: true), parameters: parameters))
            guard case .refuse(let refusal) = decision else {
                Issue.record("expected a refusal for \(parameters), got \(decision)")
                continue
            }
            #expect(refusal.reason == .deploymentPaused)
            #expect(refusal.message.hasPrefix("Deployment shop/web is paused; resume it before changing its resources"))
        }
    }

    @Test(arguments: [
        ("512Mi", 1.5, "memory", "768Mi"), ("100Mi", 1.015, "memory", "102Mi"), ("1000", 1.5, "memory", "1500"),
        ("250m", 1.5, "cpu", "375m"), ("1", 2.0, "cpu", "2"), ("333m", 1.1, "cpu", "367m"),
    ])
    func scalesRoundingUp(value: String, factor: Double, resource: String, expected: String) throws {
        let scaled = ResourcesPlanner.scaled(try Quantity(parsing: value), by: factor, resource: resource)
        #expect(scaled.text == expected)
    }
}
