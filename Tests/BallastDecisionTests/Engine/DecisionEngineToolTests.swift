import Synchronization
import Foundation
import KubeTypes
import LLMTestSupport
import Testing
@testable import BallastDecision

@Suite struct DecisionEngineToolTests {
    static func podStatusTool(calls: CallLog) -> ContextTool {
        ContextTool(definition: ToolDefinition(name: "pod_status", description: "Container states of the target's pods")) { arguments in
            calls.append("pod_status")
            return "web-1 app: OOMKilled x3, limit 512Mi; token=supersecretvalue"
        }
    }

    @Test(arguments: ScriptedLLMServer.WireProtocol.allCases)
    func aToolRoundFeedsTheResultBack(wire: ScriptedLLMServer.WireProtocol) async throws {
        try await EngineHarness.withServer { server in
            let calls = CallLog()
            server.enqueue(.toolCall(name: "pod_status", arguments: "{}"), .answer(Fixtures.goodAnswer), for: wire)
            let engine = EngineHarness.engine(providers: [EngineHarness.configuration(server, wire)], tools: [Self.podStatusTool(calls: calls)])
            let outcome = await engine.decide(Fixtures.context())
            #expect(outcome.decision.source == .llm)
            #expect(calls.calls == ["pod_status"])
            let second = try #require(server.requests(to: wire).last?.body)
            #expect(second.contains("OOMKilled x3"))
            #expect(!second.contains("supersecretvalue"), "tool results are redacted")
            let first = try #require(server.requests(to: wire).first?.body)
            #expect(first.contains("\"pod_status\""), "the tool is offered")
        }
    }

    @Test func aToolCallLoopStopsAtTheLimitAndFallsBack() async throws {
        try await EngineHarness.withServer { server in
            let calls = CallLog()
            server.setDefault(.toolCall(name: "pod_status", arguments: "{}"), for: .openAI)
            let engine = EngineHarness.engine(
                providers: [EngineHarness.configuration(server, .openAI)], tools: [Self.podStatusTool(calls: calls)],
                toolLimits: ToolLimits(maximumRounds: 3, maximumCalls: 10))
            let outcome = await engine.decide(Fixtures.context())
            #expect(outcome.fallback == .toolLimitReached(rounds: 4, calls: 4))
            #expect(outcome.decision.source == .rules)
            #expect(calls.calls.count == 3)
            #expect(server.requests(to: .openAI).count == 4)
        }
    }

    @Test func aSlowToolTimesOutAndTheModelIsTold() async throws {
        try await EngineHarness.withServer { server in
            let cancelled = Mutex(false)
            let slow = ContextTool(definition: ToolDefinition(name: "log_tail", description: "Last log lines")) { _ in
                do {
                    try await Task.sleep(for: .seconds(30))
                } catch {
                    cancelled.withLock { $0 = error is CancellationError }
                    throw error
                }
                return "never"
            }
            server.enqueue(.toolCall(name: "log_tail", arguments: #"{"container":"app"}"#), .answer(Fixtures.goodAnswer), for: .ollama)
            let engine = EngineHarness.engine(
                providers: [EngineHarness.configuration(server, .ollama)], tools: [slow],
                toolLimits: ToolLimits(callTimeout: .milliseconds(100)))
            let outcome = await engine.decide(Fixtures.context())
            // The engine gave up on the tool at its timeout and cancelled it, rather than waiting
            // out its 30 s (checked without a wall-clock bound).
            #expect(cancelled.withLock { $0 }, "the slow tool was cancelled at its timeout")
            #expect(outcome.decision.source == .llm)
            #expect(server.requests(to: .ollama).last?.body.contains("did not answer within") == true)
        }
    }
}

@Suite struct DerivedToolTests {
    @Test func theModelCanFetchHistoryPatternsAndLogsCutFromThePrompt() async throws {
        try await EngineHarness.withServer { server in
            var context = Fixtures.context(history: HistorySummary(
                entries: [HistoryEntrySummary(action: "restart_deployment", minutesAgo: 30, effectiveness: 0.1)],
                patterns: [PatternSummary(type: "IneffectiveLoop", severity: "High", message: "restart repeated 4 times")]))
            context.target.logs = ["app": (1...500).map { "line \($0)" }.joined(separator: "\n") + "\npassword=hunter3 FATAL heap"]
            server.enqueue(
                .toolCall(name: "oscillation_check", arguments: "{}"), .toolCall(name: "log_tail", arguments: #"{"container":"app","lines":2}"#),
                .toolCall(name: "action_history", arguments: #"{"limit":5}"#), .answer(Fixtures.goodAnswer), for: .openAI)
            let engine = DecisionEngine(configuration: DecisionEngineConfiguration(
                providers: [EngineHarness.configuration(server, .openAI).makeProvider()], catalog: FakeCatalog(), rules: FakeRules(),
                derivedTools: true))
            let outcome = await engine.decide(context)
            #expect(outcome.decision.source == .llm)
            let bodies = server.requests(to: .openAI).map(\.body)
            #expect(bodies.count == 4)
            #expect(bodies[1].contains("IneffectiveLoop (High): restart repeated 4 times"))
            #expect(bodies[2].contains(#""content":"line 500\npassword=[REDACTED] FATAL heap","role":"tool""#), "two redacted lines")
            #expect(bodies[3].contains("30m ago: restart_deployment {} -> Succeeded, effectiveness 0.1"))
        }
    }

    @Test func derivedToolsAnswerFromTheContext() async throws {
        let tools = ContextTool.derived(from: Fixtures.context())
        #expect(tools.map(\.definition.name) == ["action_history", "oscillation_check", "recent_events", "log_tail"])
        #expect(try await tools[0].run([:]) == "no actions recorded")
        #expect(try await tools[2].run(["limit": 1]) == "Warning BackOff x5: Back-off restarting failed container app")
        #expect(try await tools[3].run(["container": "sidecar"]) == "no log for that container; containers with logs: ")
    }
}
