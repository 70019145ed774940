import BallastAPI
import Foundation
import KubeTypes
import LLMTestSupport
import Testing
@testable import BallastDecision

/// Transport failures, retries, failover, breakers, heartbeat and budgets.
@Suite struct DecisionEngineResilienceTests {
    let good = Fixtures.goodAnswer

    @Test func rateLimitedWithRetryAfterIsRetriedThenSucceeds() async throws {
        try await EngineHarness.withServer { server in
            server.enqueue(.status(429, retryAfter: "0"), .answer(good), for: .openAI)
            let outcome = await EngineHarness.engine(providers: [EngineHarness.configuration(server, .openAI)]).decide(Fixtures.context())
            #expect(outcome.decision.source == .llm)
            #expect(server.requests(to: .openAI).count == 2)
        }
    }

    @Test func aRetryAfterLongerThanTheCapFailsOverInsteadOfWaiting() async throws {
        try await EngineHarness.withServer { server in
            server.enqueue(.status(429, retryAfter: "3600"), for: .openAI)
            let started = ContinuousClock.now
            let outcome = await EngineHarness.engine(providers: [EngineHarness.configuration(server, .openAI)]).decide(Fixtures.context())
            #expect(ContinuousClock.now - started < .seconds(300), "did not wait the hour")
            #expect(outcome.fallback == .providersUnavailable)
            #expect(outcome.attempts.map(\.outcome) == ["rate_limited"])
            #expect(server.requests(to: .openAI).count == 1)
        }
    }

    @Test func serverErrorsAreRetriedThenFallBackToRules() async throws {
        try await EngineHarness.withServer { server in
            server.setDefault(.status(500), for: .ollama)
            let outcome = await EngineHarness.engine(providers: [EngineHarness.configuration(server, .ollama)]).decide(Fixtures.context())
            #expect(outcome.decision.source == .rules)
            #expect(outcome.decision.action == "restart_deployment")
            #expect(outcome.fallback == .providersUnavailable)
            #expect(outcome.attempts.map(\.outcome) == ["server_error"])
            #expect(server.requests(to: .ollama).count == 2, "one retry per the policy")
        }
    }

    @Test func aHangPastTheTimeoutFallsBackWithinTheDeadline() async throws {
        try await EngineHarness.withServer { server in
            server.setDefault(.hang, for: .anthropic)
            let configuration = EngineHarness.configuration(server, .anthropic, timeout: .milliseconds(300))
            let started = ContinuousClock.now
            let outcome = await EngineHarness.engine(providers: [configuration]).decide(Fixtures.context())
            #expect(ContinuousClock.now - started < .seconds(300), "the deadline ended the endless hang")
            #expect(outcome.attempts.map(\.outcome) == ["timeout"])
            #expect(outcome.decision.source == .rules)
        }
    }

    @Test func cancellingADecisionDoesNotCountAgainstTheProvider() async throws {
        try await EngineHarness.withServer { server in
            server.setDefault(.hang, for: .openAI)
            let engine = EngineHarness.engine(
                providers: [EngineHarness.configuration(server, .openAI, timeout: .seconds(20))], breaker: .init(failureThreshold: 1))
            let decision = Task { await engine.decide(Fixtures.context()) }
            while server.requests(to: .openAI).isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            decision.cancel()
            let outcome = await decision.value
            #expect(outcome.decision.source == .rules)
            #expect(engine.breakerStates() == [.closed(failures: 0)])
        }
    }

    @Test func aDroppedConnectionIsRetried() async throws {
        try await EngineHarness.withServer { server in
            server.enqueue(.drop, .answer(good), for: .openAI)
            let outcome = await EngineHarness.engine(providers: [EngineHarness.configuration(server, .openAI)]).decide(Fixtures.context())
            #expect(outcome.decision.source == .llm)
            #expect(server.requests(to: .openAI).count == 2)
        }
    }

    @Test func aRefusedConnectionFailsOverAtOnceNotAfterTheTimeout() async throws {
        let port = try await EngineHarness.withServer { $0.port }
        let down = ProviderConfiguration(
            kind: .ollama, baseURL: "http://127.0.0.1:\(port)", model: "m", timeout: .seconds(20),
            retry: RetryPolicy(maximumAttempts: 2, baseDelay: .milliseconds(10)))
        let outcome = await EngineHarness.engine(providers: [down]).decide(Fixtures.context())
        // "connection", not "timeout": the refusal failed over at once instead of waiting 20 s.
        #expect(outcome.attempts.map(\.outcome) == ["connection"])
        #expect(outcome.fallback == .providersUnavailable)
    }

    @Test func droppedEveryTimeFallsBack() async throws {
        try await EngineHarness.withServer { server in
            server.setDefault(.drop, for: .openAI)
            let outcome = await EngineHarness.engine(providers: [EngineHarness.configuration(server, .openAI)]).decide(Fixtures.context())
            #expect(outcome.attempts.map(\.outcome) == ["connection"])
            #expect(outcome.fallback == .providersUnavailable)
        }
    }

    @Test func failoverFollowsTheConfiguredOrder() async throws {
        try await EngineHarness.withServer { first in
            try await EngineHarness.withServer { second in
                first.setDefault(.status(503), for: .openAI)
                second.enqueue(.answer(good), for: .ollama)
                let engine = EngineHarness.engine(providers: [
                    EngineHarness.configuration(first, .openAI, name: "primary"),
                    EngineHarness.configuration(second, .ollama, name: "secondary"),
                ])
                let outcome = await engine.decide(Fixtures.context())
                #expect(outcome.attempts.map(\.provider) == ["primary", "secondary"])
                #expect(outcome.attempts.map(\.outcome) == ["server_error", "decided"])
                #expect(outcome.decision.source == .llm)
                #expect(second.requests(to: .ollama).count == 1)
            }
        }
    }

    @Test func anOpenBreakerSkipsTheProviderUntilItsTrial() async throws {
        try await EngineHarness.withServer { server in
            server.setDefault(.status(500), for: .openAI)
            let clock = TestClock()
            let engine = EngineHarness.engine(
                providers: [EngineHarness.configuration(server, .openAI)],
                breaker: .init(failureThreshold: 2, openDuration: .seconds(60)), cacheTTL: .zero, now: { clock.now })
            _ = await engine.decide(Fixtures.context())
            _ = await engine.decide(Fixtures.context())
            #expect(engine.breakerStates() == [.open(until: clock.now.addingTimeInterval(60))])
            let calls = server.requests(to: .openAI).count
            let skipped = await engine.decide(Fixtures.context())
            #expect(skipped.attempts.map(\.outcome) == ["skipped_open"])
            #expect(server.requests(to: .openAI).count == calls, "no call while open")
            clock.advance(60)
            server.setDefault(.answer(good), for: .openAI)
            let trial = await engine.decide(Fixtures.context())
            #expect(trial.decision.source == .llm)
            #expect(engine.breakerStates() == [.closed(failures: 0)])
        }
    }

    @Test func aFailingHeartbeatTakesTheProviderOutOfRotation() async throws {
        try await EngineHarness.withServer { server in
            server.setDefault(.status(500), for: "/v1/models")
            server.setDefault(.answer(good), for: .openAI)
            let engine = EngineHarness.engine(providers: [EngineHarness.configuration(server, .openAI)], cacheTTL: .zero)
            for _ in 0..<3 { await engine.probeProviders() }
            #expect(engine.providerHealth() == [false])
            let outcome = await engine.decide(Fixtures.context())
            #expect(outcome.attempts.map(\.outcome) == ["skipped_unhealthy"])
            #expect(server.requests(to: .openAI).isEmpty)
            server.setDefault(.raw(status: 200, body: #"{"data":[]}"#), for: "/v1/models")
            for _ in 0..<2 { await engine.probeProviders() }
            #expect(engine.providerHealth() == [true])
            #expect(await engine.decide(Fixtures.context()).decision.source == .llm)
        }
    }

    @Test func aSpentCallBudgetFallsBackToRules() async throws {
        try await EngineHarness.withServer { server in
            server.setDefault(.answer(good), for: .openAI)
            // A frozen clock: the budget's minute must not end between the two calls, however
            // slowly a loaded machine runs the first.
            let frozen = Date()
            let engine = EngineHarness.engine(
                providers: [EngineHarness.configuration(server, .openAI)], budget: .init(callsPerMinute: 1, tokensPerDay: nil),
                now: { frozen })
            #expect(await engine.decide(Fixtures.context(fingerprint: "a")).decision.source == .llm)
            let second = await engine.decide(Fixtures.context(fingerprint: "b"))
            #expect(second.decision.source == .rules)
            #expect(second.fallback?.code == "BudgetExhausted")
            #expect(server.requests(to: .openAI).count == 1)
        }
    }

    @Test func aSpentTokenBudgetFallsBackToRules() async throws {
        try await EngineHarness.withServer { server in
            server.setDefault(.answer(good), for: .openAI)
            let frozen = Date()  // the budget's day must not roll over between the two calls
            let engine = EngineHarness.engine(
                providers: [EngineHarness.configuration(server, .openAI)], budget: .init(callsPerMinute: nil, tokensPerDay: 100),
                now: { frozen })
            let first = await engine.decide(Fixtures.context(fingerprint: "a"))
            #expect(first.decision.source == .llm)
            let second = await engine.decide(Fixtures.context(fingerprint: "b"))
            #expect(second.fallback == .budgetExhausted(.tokensPerDay(limit: 100, used: Int(first.decision.tokens?.total ?? -1))))
        }
    }

    @Test func withoutProvidersTheRulesDecideByDefault() async {
        let rules = FakeRules(verdict: RulesVerdict(action: "escalate", confidence: 0.3, reasoning: "no rule matches"))
        let outcome = await EngineHarness.engine(providers: [], rules: rules).decide(Fixtures.context())
        #expect(outcome.decision == Decision(action: "escalate", confidence: 0.3, reasoning: "no rule matches", source: .rules, latencyMs: outcome.decision.latencyMs))
        #expect(outcome.fallback == .noProvider)
    }

    @Test func aRuleOutsideTheAllowedSetBecomesEscalation() async {
        let rules = FakeRules(verdict: RulesVerdict(action: "drain_node", confidence: 0.9, reasoning: "node pressure"))
        let outcome = await EngineHarness.engine(providers: [], rules: rules).decide(Fixtures.context())
        #expect(outcome.decision.action == "escalate")
        #expect(outcome.decision.confidence == 0)
    }
}
