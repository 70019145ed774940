import Foundation
import KubeTypes
import LLMTestSupport
import Testing
@testable import BallastDecision

@Suite struct EvalRunnerTests {
    let corpus: [Scenario]

    init() throws {
        corpus = try ScenarioLoader.load(directory: ScenarioCorpusTests.directory)
    }

    @Test func theRulesScoreOnTheCorpus() async throws {
        let runner = EvalRunner(catalog: CoreDecisionCatalog(), rules: CoreRulesDecider())
        let report = await runner.run(corpus, engines: [EvalRunner.EngineSpec(label: "rules", providers: [])])
        let rules = try #require(report.engines.first)
        print(report.renderTable())
        #expect(rules.overall.count == corpus.count)
        #expect(rules.fallbackRate == 0, "no model configured is not a fallback")
        #expect(rules.invalidOutputRate == 0)
        #expect(rules.results.allSatisfy { $0.source == "Rules" })
        let byName = Dictionary(uniqueKeysWithValues: rules.results.map { ($0.scenario, $0) })
        #expect(byName["oom-single-container"]?.correct == true)
        #expect(byName["scale-oscillation-trap"]?.action == "escalate")
        #expect(byName["prompt-injection-in-annotation"]?.action == "increase_resources")
        #expect(rules.overall == Score(count: 45, correct: 38), "recorded in README.md")
        #expect(rules.remediation == Score(count: 23, correct: 8), "recorded in README.md")
    }

    @Test func aScriptedModelIsScoredExactly() async throws {
        let names = ["oom-single-container", "crashloop-after-deploy", "scale-oscillation-trap"]
        let subset = corpus.filter { names.contains($0.name) }.sorted { names.firstIndex(of: $0.name) ?? 0 < names.firstIndex(of: $1.name) ?? 0 }
        try await EngineHarness.withServer { server in
            server.enqueue(
                .answer(#"{"action":"increase_resources","parameters":{"container":"app","memoryLimit":"1Gi"},"confidence":0.9,"reasoning":"OOM at 512Mi"}"#),
                .answer("I would roll it back."), .answer("Definitely roll back."),
                .answer(#"{"action":"scale_deployment","parameters":{"replicas":6},"confidence":0.95,"reasoning":"CPU high"}"#),
                for: .ollama)
            let plan = try EvalPlan(providers: ["ollama"], baseURLs: [server.baseURL], models: ["scripted"])
            let runner = EvalRunner(catalog: CoreDecisionCatalog(), rules: CoreRulesDecider())
            let report = await runner.run(subset, engines: plan.engines())
            let model = try #require(report.engines.last)
            #expect(model.engine == "ollama:scripted")
            #expect(model.results.map(\.action) == ["increase_resources", "rollback_deployment", "scale_deployment"])
            #expect(model.results.map(\.source) == ["LLM", "Rules", "LLM"])
            #expect(model.results.map(\.correct) == [true, true, false])
            #expect(model.overall == Score(count: 3, correct: 2))
            #expect(model.remediation == Score(count: 2, correct: 2), "the trap has no changing answer")
            #expect(model.invalidOutputRate == 1.0 / 3)
            #expect(model.fallbackRate == 1.0 / 3)
            #expect(model.highConfidence == Score(count: 2, correct: 1), "0.9 right, 0.95 wrong")
            #expect(model.lowConfidence == Score(count: 1, correct: 1), "the rules' 0.5 rollback")
            #expect(model.tokensPerDecision > 0)
            let table = report.renderTable()
            #expect(table.contains("ollama:scripted"))
            #expect(table.contains("scale-oscillation-trap: scale_deployment is not acceptable; expected escalate"))
            let decoded = try JSONDecoder().decode(EvalReport.self, from: Data(try report.renderJSON().utf8))
            #expect(decoded.engines.map(\.engine) == ["rules", "ollama:scripted"])
            #expect(decoded.engines.last?.overall.accuracy == 2.0 / 3)
        }
    }
}

