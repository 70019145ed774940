import KubeTypes
import Testing
@testable import BallastDecision

@Suite struct ScenarioScorerTests {
    let expectation = ScenarioExpectation(
        acceptable: [
            AcceptableAction(action: "increase_resources", parameters: ["container": "app"], ranges: ["memoryLimit": ValueRange(min: "640Mi", max: "2Gi")]),
            AcceptableAction(action: "scale_deployment", ranges: ["replicas": ValueRange(min: 4, max: 8)]),
        ],
        escalationAcceptable: false)

    @Test(arguments: [
        ("increase_resources", ["container": "app", "memoryLimit": "768Mi"], nil),
        ("increase_resources", ["container": "app", "memoryLimit": "1Gi"], nil),
        ("scale_deployment", ["replicas": 4], nil),
        ("increase_resources", ["container": "envoy", "memoryLimit": "768Mi"], "parameters.container is \"envoy\", expected \"app\""),
        ("increase_resources", ["container": "app", "memoryLimit": "600Mi"], "parameters.memoryLimit \"600Mi\" is below \"640Mi\""),
        ("increase_resources", ["container": "app", "memoryLimit": "4Gi"], "parameters.memoryLimit \"4Gi\" is above \"2Gi\""),
        ("increase_resources", ["container": "app"], "parameters.memoryLimit is missing or not a number"),
        ("scale_deployment", ["replicas": 12], "parameters.replicas 12 is above 8"),
        ("rollback_deployment", [:], "rollback_deployment is not acceptable; expected increase_resources or scale_deployment"),
        ("escalate", [:], "escalate is not acceptable; expected increase_resources or scale_deployment"),
        ("collect_diagnostics", [:], "collect_diagnostics is not acceptable; expected increase_resources or scale_deployment"),
    ] as [(String, [String: JSONValue], String?)])
    func scoresActionsAndParameterConstraints(action: String, parameters: [String: JSONValue], mismatch: String?) {
        #expect(ScenarioScorer.mismatch(action, parameters: parameters, expected: expectation) == mismatch)
    }

    @Test func escalationCountsOnlyWhenAcceptable() {
        let stop = ScenarioExpectation(acceptable: [], escalationAcceptable: true)
        #expect(ScenarioScorer.mismatch("escalate", parameters: [:], expected: stop) == nil)
        #expect(ScenarioScorer.mismatch("notify_only", parameters: ["message": "x"], expected: stop) == nil)
        #expect(ScenarioScorer.mismatch("scale_deployment", parameters: ["replicas": 6], expected: stop)
            == "scale_deployment is not acceptable; expected escalate")
    }

    @Test func percentilesUseNearestRank() {
        let values = (1...100).map(Double.init)
        #expect(EngineReport.percentile(values, 0.5) == 50)
        #expect(EngineReport.percentile(values, 0.95) == 95)
        #expect(EngineReport.percentile(values, 0.99) == 99)
        #expect(EngineReport.percentile([7], 0.99) == 7)
        #expect(EngineReport.percentile([], 0.5) == 0)
    }

    @Test func planPairsProvidersWithModels() throws {
        let one = try EvalPlan(providers: ["ollama"], baseURLs: ["http://127.0.0.1:11434"], models: ["a", "b"])
        #expect(one.providers.map(\.name) == ["ollama:a", "ollama:b"])
        #expect(one.engines().map(\.label) == ["rules", "ollama:a", "ollama:b"])
        let two = try EvalPlan(providers: ["openai", "anthropic"], baseURLs: ["http://x", "http://y"], models: ["a", "b"])
        #expect(two.providers.map(\.baseURL) == ["http://x", "http://y"])
        #expect(try EvalPlan(providers: [], baseURLs: [], models: []).engines().map(\.label) == ["rules"])
        #expect(throws: EvalPlanError(message: "--provider gpt is not one of openai, ollama, anthropic")) {
            try EvalPlan(providers: ["gpt"], baseURLs: ["http://x"], models: ["a"])
        }
        #expect(throws: EvalPlanError(message: "--base-url must be given once or once per --model (3); got 2")) {
            try EvalPlan(providers: ["ollama"], baseURLs: ["http://x", "http://y"], models: ["a", "b", "c"])
        }
        #expect(throws: EvalPlanError(message: "--model is required when --provider or --base-url is given")) {
            try EvalPlan(providers: ["ollama"], baseURLs: ["http://x"], models: [])
        }
    }
}
