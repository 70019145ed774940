import Foundation

/// Runs a scenario corpus through decision engines and scores them.
///
/// Each engine gets a fresh ``DecisionEngine`` with caching off (every scenario is a real
/// decision) and generous budgets; scenarios run one after another so latency figures are not
/// distorted by queueing. Rules-only engines (no providers) measure the built-in default.
public struct EvalRunner: Sendable {
    /// One engine to evaluate.
    public struct EngineSpec: Sendable {
        /// The column label (`rules`, `ollama:granite3.1-dense:8b`).
        public var label: String
        /// The providers, in failover order; empty for rules only.
        public var providers: [any LLMProvider]

        /// Creates a spec.
        public init(label: String, providers: [any LLMProvider]) {
            self.label = label
            self.providers = providers
        }
    }

    /// The catalog answers are validated against.
    public var catalog: any DecisionCatalog
    /// The rules engine.
    public var rules: any RulesDecider
    /// Tools offered to models (none by default: scenarios carry their context).
    public var tools: [ContextTool]

    /// Creates a runner.
    public init(catalog: any DecisionCatalog, rules: any RulesDecider, tools: [ContextTool] = []) {
        self.catalog = catalog
        self.rules = rules
        self.tools = tools
    }

    /// Evaluates every engine on every scenario.
    public func run(_ scenarios: [Scenario], engines: [EngineSpec]) async -> EvalReport {
        var reports: [EngineReport] = []
        for spec in engines {
            let engine = DecisionEngine(configuration: DecisionEngineConfiguration(
                providers: spec.providers, catalog: catalog, rules: rules, tools: tools,
                budget: CallBudget.Limits(callsPerMinute: nil, tokensPerDay: nil), cacheTTL: .zero))
            var results: [ScenarioResult] = []
            for scenario in scenarios {
                let started = ContinuousClock.now
                let outcome = await engine.decide(scenario.decisionContext())
                let elapsed = ContinuousClock.now - started
                results.append(Self.result(scenario, outcome, latency: elapsed))
            }
            reports.append(EngineReport(engine: spec.label, results: results))
        }
        return EvalReport(scenarioCount: scenarios.count, engines: reports)
    }

    static func result(_ scenario: Scenario, _ outcome: DecisionOutcome, latency: Duration) -> ScenarioResult {
        let decision = outcome.decision
        let mismatch = ScenarioScorer.mismatch(decision.action, parameters: decision.parameters, expected: scenario.expect)
        let actionable = scenario.expect.acceptable.contains { !ScenarioScorer.escalations.contains($0.action) }
        return ScenarioResult(
            scenario: scenario.name, category: scenario.category, action: decision.action, confidence: decision.confidence,
            source: decision.source.rawValue, correct: mismatch == nil, actionable: actionable,
            remediated: actionable && mismatch == nil && !ScenarioScorer.escalations.contains(decision.action), mismatch: mismatch, fallback: outcome.fallback?.code,
            invalidAnswers: outcome.invalidAnswers, latencyMs: latency.seconds * 1000, tokens: Int(decision.tokens?.total ?? 0))
    }
}
