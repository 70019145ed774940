import BallastAPI
import Foundation
import LLMTestSupport
import Testing
@testable import BallastDecision

@Suite struct DecisionEngineMetricsTests {
    @Test func everyCallRecordsLatencyTokensAndOutcomePerProviderAndModel() async throws {
        try await EngineHarness.withServer { server in
            server.enqueue(.answer(Fixtures.goodAnswer), .status(500), .status(500), for: .openAI)
            let metrics = RecordingMetrics()
            let engine = DecisionEngine(configuration: DecisionEngineConfiguration(
                providers: [EngineHarness.configuration(server, .openAI, name: "primary").makeProvider()],
                catalog: FakeCatalog(), rules: FakeRules(), metrics: metrics))
            let first = await engine.decide(Fixtures.context(fingerprint: "one"))
            _ = await engine.decide(Fixtures.context(fingerprint: "two"))
            _ = await engine.decide(Fixtures.context(fingerprint: "one"))
            let who = [("provider", "primary"), ("model", "granite3.1-dense:8b")]
            #expect(metrics.counter("ballast_llm_requests_total", who + [("outcome", "decided")]) == 1)
            #expect(metrics.counter("ballast_llm_requests_total", who + [("outcome", "server_error")]) == 1)
            #expect(metrics.timerSamples("ballast_llm_request_duration_seconds", who + [("outcome", "decided")]).count == 1)
            #expect(metrics.counter("ballast_llm_tokens_total", who + [("kind", "prompt")]) == first.decision.tokens?.prompt ?? -1)
            #expect(metrics.counter("ballast_llm_tokens_total", who + [("kind", "completion")]) == first.decision.tokens?.completion ?? -1)
            #expect(metrics.counter("ballast_decisions_total", [("source", "LLM"), ("fallback", "none")]) == 1)
            #expect(metrics.counter("ballast_decisions_total", [("source", "Rules"), ("fallback", "ProvidersUnavailable")]) == 1)
            #expect(metrics.counter("ballast_decisions_total", [("source", "Cache"), ("fallback", "none")]) == 1)
        }
    }

    /// Every change of a provider's breaker reaches `ballast_circuit_breaker_state{breaker="llm:<name>"}`:
    /// closed at startup, open after the failures, half-open for the trial, closed after it.
    @Test func breakerChangesAreExportedPerProvider() async throws {
        try await EngineHarness.withServer { server in
            server.setDefault(.status(500), for: .openAI)
            let metrics = RecordingMetrics()
            let clock = TestClock()
            let engine = DecisionEngine(configuration: DecisionEngineConfiguration(
                providers: [EngineHarness.configuration(server, .openAI, name: "primary").makeProvider()],
                catalog: FakeCatalog(), rules: FakeRules(), breaker: .init(failureThreshold: 2, openDuration: .seconds(60)),
                cacheTTL: .zero, now: { clock.now }, metrics: metrics))
            let breaker = [("breaker", "llm:primary")]
            #expect(metrics.timerSamples("ballast_circuit_breaker_state", breaker) == [0])
            _ = await engine.decide(Fixtures.context())
            _ = await engine.decide(Fixtures.context())
            #expect(metrics.timerSamples("ballast_circuit_breaker_state", breaker) == [0, 2])
            _ = await engine.decide(Fixtures.context())
            #expect(metrics.timerSamples("ballast_circuit_breaker_state", breaker) == [0, 2], "skipping while open changes nothing")
            clock.advance(60)
            server.setDefault(.answer(Fixtures.goodAnswer), for: .openAI)
            _ = await engine.decide(Fixtures.context())
            #expect(metrics.timerSamples("ballast_circuit_breaker_state", breaker) == [0, 2, 1, 0])
        }
    }
}
