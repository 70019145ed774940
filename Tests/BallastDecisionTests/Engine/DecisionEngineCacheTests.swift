import Foundation
import KubeTypes
import LLMTestSupport
import Testing
@testable import BallastDecision

@Suite struct DecisionEngineCacheTests {
    @Test func aStormOf500IdenticalAlertsMakesExactlyOneCall() async throws {
        try await EngineHarness.withServer { server in
            server.setDefault(.delayed(.milliseconds(200), .answer(Fixtures.goodAnswer)), for: .openAI)
            let engine = EngineHarness.engine(providers: [EngineHarness.configuration(server, .openAI)])
            let outcomes = await withTaskGroup(of: DecisionOutcome.self) { group in
                for index in 0..<500 {
                    group.addTask {
                        var context = Fixtures.context()
                        context.target.containers[0].restartCount = index
                        return await engine.decide(context)
                    }
                }
                var all: [DecisionOutcome] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(server.requests(to: .openAI).count == 1)
            #expect(outcomes.filter { $0.decision.source == .llm }.count == 1)
            #expect(outcomes.filter { $0.decision.source == .cache }.count == 499)
            #expect(Set(outcomes.map(\.decision.action)) == ["increase_resources"])
            let later = await engine.decide(Fixtures.context())
            #expect(later.decision.source == .cache)
            #expect(later.decision.tokens == nil)
            #expect(server.requests(to: .openAI).count == 1)
        }
    }

    @Test func theCacheExpiresAfterItsTTL() async throws {
        try await EngineHarness.withServer { server in
            server.setDefault(.answer(Fixtures.goodAnswer), for: .ollama)
            let clock = TestClock()
            let engine = EngineHarness.engine(providers: [EngineHarness.configuration(server, .ollama)], cacheTTL: .seconds(900), now: { clock.now })
            _ = await engine.decide(Fixtures.context())
            clock.advance(899)
            #expect(await engine.decide(Fixtures.context()).decision.source == .cache)
            clock.advance(1)
            #expect(await engine.decide(Fixtures.context()).decision.source == .llm)
            #expect(server.requests(to: .ollama).count == 2)
        }
    }

    @Test func rulesFallbacksAreNotCached() async throws {
        try await EngineHarness.withServer { server in
            server.enqueue(.status(500), .status(500), .answer(Fixtures.goodAnswer), for: .openAI)
            let engine = EngineHarness.engine(providers: [EngineHarness.configuration(server, .openAI)])
            #expect(await engine.decide(Fixtures.context()).decision.source == .rules)
            #expect(await engine.decide(Fixtures.context()).decision.source == .llm)
        }
    }
}
