/// One scenario's result for one engine.
public struct ScenarioResult: Codable, Sendable, Hashable {
    /// The scenario.
    public var scenario: String
    /// Its category.
    public var category: String
    /// The action decided.
    public var action: String
    /// The confidence given.
    public var confidence: Double
    /// `LLM`, `Rules` or `Cache`.
    public var source: String
    /// Whether it was acceptable.
    public var correct: Bool
    /// Whether the scenario has an acceptable action that changes something (not only
    /// escalation or notification).
    public var actionable: Bool
    /// Whether the decision was one of those acceptable changing actions.
    public var remediated: Bool
    /// Why not, when not.
    public var mismatch: String?
    /// The fallback reason code, when the rules decided for an LLM engine.
    public var fallback: String?
    /// Invalid model answers during this decision.
    public var invalidAnswers: Int
    /// Decision latency in milliseconds.
    public var latencyMs: Double
    /// Tokens used.
    public var tokens: Int
}

/// Accuracy over a subset of results.
public struct Score: Codable, Sendable, Hashable {
    /// Results in the subset.
    public var count: Int
    /// Correct results.
    public var correct: Int
    /// `correct / count` (0 when empty).
    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }

    init(_ results: some Collection<ScenarioResult>) {
        self.init(count: results.count, correct: results.filter(\.correct).count)
    }

    /// Creates a score from its counts.
    public init(count: Int, correct: Int) {
        self.count = count
        self.correct = correct
    }

    private enum CodingKeys: String, CodingKey { case count, correct, accuracy }

    /// Encodes count, correct and accuracy.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(correct, forKey: .correct)
        try container.encode(accuracy, forKey: .accuracy)
    }

    /// Decodes count and correct.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        count = try container.decode(Int.self, forKey: .count)
        correct = try container.decode(Int.self, forKey: .correct)
    }
}

/// The comparison figures for one engine (rules, or one provider/model).
public struct EngineReport: Codable, Sendable, Hashable {
    /// `rules` or `kind:model`.
    public var engine: String
    /// All scenarios.
    public var overall: Score
    /// By category, sorted by name.
    public var byCategory: [String: Score]
    /// Over actionable scenarios: how often the engine chose an acceptable changing action
    /// rather than handing the problem to a person (escalating is safe, but not a fix).
    public var remediation: Score
    /// Share of decisions with at least one invalid model answer.
    public var invalidOutputRate: Double
    /// Share of decisions where the rules decided although a model was configured.
    public var fallbackRate: Double
    /// Accuracy of answers with confidence ≥ ``EngineReport/highConfidence``.
    public var highConfidence: Score
    /// Accuracy of the other answers.
    public var lowConfidence: Score
    /// Latency percentiles in milliseconds.
    public var latencyP50Ms: Double
    /// 95th percentile.
    public var latencyP95Ms: Double
    /// 99th percentile.
    public var latencyP99Ms: Double
    /// Mean tokens per decision.
    public var tokensPerDecision: Double
    /// Every result.
    public var results: [ScenarioResult]

    /// The confidence that separates "high" from "low" (the default policy threshold).
    public static let highConfidence = 0.8

    /// Computes the figures from `results`.
    public init(engine: String, results: [ScenarioResult]) {
        self.engine = engine
        self.results = results
        overall = Score(results)
        byCategory = Dictionary(grouping: results, by: \.category).mapValues { Score($0) }
        let actionable = results.filter(\.actionable)
        remediation = Score(count: actionable.count, correct: actionable.filter(\.remediated).count)
        let total = Double(max(results.count, 1))
        invalidOutputRate = Double(results.filter { $0.invalidAnswers > 0 }.count) / total
        fallbackRate = Double(results.filter { $0.fallback != nil && $0.fallback != FallbackReason.noProvider.code }.count) / total
        highConfidence = Score(results.filter { $0.confidence >= Self.highConfidence })
        lowConfidence = Score(results.filter { $0.confidence < Self.highConfidence })
        let latencies = results.map(\.latencyMs).sorted()
        latencyP50Ms = Self.percentile(latencies, 0.50)
        latencyP95Ms = Self.percentile(latencies, 0.95)
        latencyP99Ms = Self.percentile(latencies, 0.99)
        tokensPerDecision = Double(results.reduce(0) { $0 + $1.tokens }) / total
    }

    /// Nearest-rank percentile of sorted values (0 when empty).
    public static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

/// The result of `ballast eval`: one report per engine, in the order given.
public struct EvalReport: Codable, Sendable, Hashable {
    /// Scenarios evaluated.
    public var scenarioCount: Int
    /// One report per engine.
    public var engines: [EngineReport]

    /// Creates a report.
    public init(scenarioCount: Int, engines: [EngineReport]) {
        self.scenarioCount = scenarioCount
        self.engines = engines
    }
}
