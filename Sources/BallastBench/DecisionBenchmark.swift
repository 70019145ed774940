import ArgumentParser
import BallastDecision
import Foundation
import KubeTypes
import LLMTestSupport

/// `ballast-bench decision`: the decision engine's own cost.
///
/// 1. CPU cost per decision of prompt building (typical and huge context), answer validation
///    and redaction, in µs (thread CPU time, so other tenants of a shared machine do not count).
/// 2. Overhead the engine adds on top of the provider: the scripted LLM server answers
///    instantly; the same number of calls go straight through the provider (reference) and
///    through `DecisionEngine.decide` (distinct alerts, so no cache hits). Added = engine − reference
///    at each percentile. Goal: < 2 ms at p99.
/// 3. Five rounds of 500 concurrent decisions: wall time and resident memory after each round
///    (bounded memory means it levels off once the decision cache is full at 1,024 entries).
struct DecisionBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decision", abstract: "Prompt/validation cost (µs) and engine overhead over an instant LLM (ms).")

    @Option(help: "Calls per latency series.")
    var calls = 1000

    @Option(help: "Concurrent decisions per round.")
    var concurrent = 500

    @Option(help: "Minimum CPU time per micro-benchmark, in milliseconds.")
    var milliseconds = 300

    func run() async throws {
        print("decision benchmark: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        microbenchmarks()
        let server = try await ScriptedLLMServer.start()
        server.setDefault(.answer(BenchmarkFixtures.answer), for: .openAI)
        let configuration = ProviderConfiguration(kind: .openAI, baseURL: server.baseURL, model: "bench", toolsEnabled: false)
        try await overhead(configuration)
        server.removeRecordedRequests()
        await concurrency(configuration, server: server)
        try await server.shutdown()
    }

    private func microbenchmarks() {
        let catalog = CoreDecisionCatalog()
        let builder = PromptBuilder()
        let validator = DecisionValidator(catalog: catalog)
        let typical = BenchmarkFixtures.context(index: 0)
        let huge = BenchmarkFixtures.hugeContext()
        let log = String(repeating: "GET /cart 200 12ms user=42 token=abcdef0123456789\n", count: 160)
        print("\ncase                               µs/op (CPU)")
        let cases: [(String, () -> Int)] = [
            ("prompt, typical context", { builder.build(typical, catalog: catalog).estimatedTokens }),
            ("prompt, 5000 history + 10 MB log", { builder.build(huge, catalog: catalog).estimatedTokens }),
            ("validate bare JSON answer", { (try? validator.validate(text: BenchmarkFixtures.answer, for: typical))?.parameters.count ?? 0 }),
            ("validate fenced answer in prose", { (try? validator.validate(text: BenchmarkFixtures.fenced, for: typical))?.parameters.count ?? 0 }),
            ("redact 8 KB log", { Redactor().redact(log).utf8.count }),
        ]
        for (name, body) in cases {
            print(name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: " %10.1f", CPUTimer.microseconds(milliseconds: milliseconds, body)))
        }
    }

    private func overhead(_ configuration: ProviderConfiguration) async throws {
        let provider = configuration.makeProvider()
        let engine = BenchmarkFixtures.engine(configuration)
        let prompt = PromptBuilder().build(BenchmarkFixtures.context(index: 0), catalog: CoreDecisionCatalog())
        let request = ChatRequest(system: prompt.system, messages: [.user(prompt.user)], answerSchema: prompt.answerSchema)
        for index in 0..<50 {
            _ = try await provider.complete(request)
            _ = await engine.decide(BenchmarkFixtures.context(index: -1 - index))
        }
        var reference: [Double] = []
        var engineLatencies: [Double] = []
        for index in 0..<calls {
            let providerStart = ContinuousClock.now
            _ = try await provider.complete(request)
            reference.append((ContinuousClock.now - providerStart).microseconds)
            let engineStart = ContinuousClock.now
            let outcome = await engine.decide(BenchmarkFixtures.context(index: index))
            engineLatencies.append((ContinuousClock.now - engineStart).microseconds)
            guard outcome.decision.source == .llm else { throw ValidationError("decision \(index) fell back: \(outcome.fallback.map(String.init(describing:)) ?? "?")") }
        }
        reference.sort()
        engineLatencies.sort()
        print("\n\(calls) sequential calls, scripted server answering instantly (ms)")
        print("percentile  provider only  through engine  added by engine")
        for (label, fraction) in [("p50", 0.50), ("p95", 0.95), ("p99", 0.99)] {
            let base = Self.percentile(reference, fraction) / 1000
            let full = Self.percentile(engineLatencies, fraction) / 1000
            print(label.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "  %13.3f  %14.3f  %15.3f", base, full, full - base))
        }
    }

    private func concurrency(_ configuration: ProviderConfiguration, server: ScriptedLLMServer) async {
        let engine = BenchmarkFixtures.engine(configuration)
        print("\n\(concurrent) concurrent decisions (distinct alerts)")
        print("round  wall ms  LLM decisions  RSS MiB after")
        print("start        -              -" + String(format: "  %13.1f", ResidentMemory.mebibytes()))
        for round in 1...5 {
            let started = ContinuousClock.now
            let decided = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<concurrent {
                    group.addTask { await engine.decide(BenchmarkFixtures.context(index: round * 100_000 + index)).decision.source == .llm }
                }
                var count = 0
                for await isLLM in group where isLLM { count += 1 }
                return count
            }
            let wall = (ContinuousClock.now - started).microseconds / 1000
            server.removeRecordedRequests()
            print(String(format: "%5d  %7.1f  %13d  %13.1f", round, wall, decided, ResidentMemory.mebibytes()))
        }
    }

    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, max(0, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))]
    }
}

extension Duration {
    /// The duration in microseconds.
    var microseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
    }

    /// The duration in seconds.
    var inSeconds: Double { microseconds / 1e6 }
}


/// Inputs for ``DecisionBenchmark``: a typical OOM context (distinct per index, so the cache
/// never hits), a huge one, and the answers the scripted model gives.
enum BenchmarkFixtures {
    static let answer = #"{"action":"increase_resources","parameters":{"container":"app","resource":"memory","factor":1.5},"confidence":0.86,"reasoning":"OOMKilled at the 512Mi limit","alternatives":[{"action":"restart_deployment","confidence":0.3}]}"#
    static let fenced = "Looking at the events, the container is killed at its limit.\n```json\n\(answer)\n```\nThis should stop the OOM kills."

    static let allowed: [AllowedAction] = [
        AllowedAction(name: "scale_deployment", limits: ["maxReplicas": 20, "maxStep": 5]),
        AllowedAction(name: "restart_deployment"), AllowedAction(name: "rollback_deployment"),
        AllowedAction(name: "increase_resources", limits: ["maxMemory": "4Gi", "maxFactor": 3]),
        AllowedAction(name: "collect_diagnostics"), AllowedAction(name: "notify_only"), AllowedAction(name: "escalate"),
    ]

    static func context(index: Int) -> DecisionContext {
        DecisionContext(
            alert: AlertSummary(
                name: "KubePodOOMKilled", severity: "warning", fingerprint: "bench-\(index)",
                labels: ["namespace": "shop", "deployment": "web", "container": "app"],
                annotations: ["summary": "Container app in shop/web was OOMKilled 4 times in 30m", "runbook_url": "https://runbooks.example.com/oom"]),
            target: TargetSummary(
                apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web", replicas: 3, readyReplicas: 2,
                containers: [
                    ContainerSummary(
                        name: "app", image: "shop/web:1.4.2", requests: ["memory": "256Mi", "cpu": "250m"],
                        limits: ["memory": "512Mi", "cpu": "500m"], env: ["DATABASE_URL": "postgres://web:pw@db/shop", "LOG_LEVEL": "info"],
                        restartCount: 4, lastTerminationReason: "OOMKilled"),
                ],
                events: (0..<10).map { EventSummary(reason: "BackOff", message: "Back-off restarting failed container app (\($0))", count: 3) },
                logs: ["app": String(repeating: "GET /cart 200 12ms\n", count: 100) + "FATAL JavaScript heap out of memory"]),
            history: HistorySummary(entries: (0..<5).map { HistoryEntrySummary(action: "restart_deployment", minutesAgo: 300 - $0 * 50, effectiveness: 0.4) }),
            allowedActions: allowed)
    }

    static func hugeContext() -> DecisionContext {
        var context = context(index: 0)
        context.history.entries = (0..<5000).map { HistoryEntrySummary(action: "scale_deployment", parameters: ["replicas": .int(Int64(3 + $0 % 4))], minutesAgo: 5000 - $0) }
        context.target.logs = ["app": String(repeating: "GET /cart 200 12ms user=42\n", count: 400_000)]
        context.target.events = (0..<2000).map { EventSummary(reason: "BackOff", message: "restart \($0)") }
        return context
    }

    static func engine(_ configuration: ProviderConfiguration) -> DecisionEngine {
        DecisionEngine(configuration: DecisionEngineConfiguration(
            providers: [configuration.makeProvider()], catalog: CoreDecisionCatalog(), rules: CoreRulesDecider(),
            budget: CallBudget.Limits(callsPerMinute: nil, tokensPerDay: nil)))
    }
}

/// Thread CPU time measurement for the micro-benchmarks.
enum CPUTimer {
    /// Runs `body` for at least `milliseconds` of this thread's CPU time; µs per call.
    static func microseconds(milliseconds: Int, _ body: () -> Int) -> Double {
        var sink = body()
        var iterations = 0
        let start = now()
        while now() - start < UInt64(milliseconds) * 1_000_000 || iterations < 3 {
            sink &+= body()
            iterations += 1
        }
        if sink == Int.min { print("sink \(sink)") }
        return Double(now() - start) / Double(iterations) / 1000
    }

    private static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}

/// The process's resident memory, from /proc/self/statm (Linux).
enum ResidentMemory {
    static func mebibytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}
