import BallastDecision
import Foundation
import LLMTestSupport
import Synchronization

/// Builds engines against scripted servers with short timeouts and fast retries.
enum EngineHarness {
    static func configuration(
        _ server: ScriptedLLMServer, _ wire: ScriptedLLMServer.WireProtocol, name: String? = nil, timeout: Duration = .seconds(10),
        apiKey: APIKeySource = .none
    ) -> ProviderConfiguration {
        let kind: ProviderConfiguration.Kind = switch wire {
        case .openAI: .openAI
        case .ollama: .ollama
        case .anthropic: .anthropic
        }
        return ProviderConfiguration(
            kind: kind, baseURL: server.baseURL, model: "granite3.1-dense:8b", apiKey: apiKey, timeout: timeout,
            retry: RetryPolicy(maximumAttempts: 2, baseDelay: .milliseconds(10), maximumDelay: .seconds(1)), name: name)
    }

    static func engine(
        providers: [ProviderConfiguration], rules: FakeRules = FakeRules(), tools: [ContextTool] = [],
        toolLimits: ToolLimits = ToolLimits(), budget: CallBudget.Limits = CallBudget.Limits(),
        breaker: ProviderCircuitBreaker.Configuration = ProviderCircuitBreaker.Configuration(), cacheTTL: Duration = .seconds(900),
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> DecisionEngine {
        DecisionEngine(configuration: DecisionEngineConfiguration(
            providers: providers.map { $0.makeProvider() }, catalog: FakeCatalog(), rules: rules, tools: tools,
            toolLimits: toolLimits, breaker: breaker, budget: budget, cacheTTL: cacheTTL, now: now))
    }

    /// Runs `body` with a fresh server and shuts it down afterwards.
    static func withServer<T>(_ body: (ScriptedLLMServer) async throws -> T) async throws -> T {
        let server = try await ScriptedLLMServer.start()
        do {
            let value = try await body(server)
            try await server.shutdown()
            return value
        } catch {
            try await server.shutdown()
            throw error
        }
    }
}

/// A settable clock for breaker, budget and cache tests.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Records tool invocations across tasks.
final class CallLog: Sendable {
    private let entries = Mutex<[String]>([])
    var calls: [String] { entries.withLock { $0 } }
    func append(_ name: String) { entries.withLock { $0.append(name) } }
}
