/// A decision plus how it came about: which providers were tried, why the engine fell back to
/// the rules (if it did), and how many model answers were invalid. Used for status, Events,
/// metrics and `ballast eval`.
public struct DecisionOutcome: Sendable, Hashable {
    /// The decision (`status.decision`).
    public var decision: Decision
    /// Why the rules decided instead of a model; `nil` when a model (or the cache) decided.
    public var fallback: FallbackReason?
    /// Model answers rejected by validation, including one later repaired.
    public var invalidAnswers: Int
    /// One record per provider consulted or skipped, in order.
    public var attempts: [ProviderAttempt]

    /// Creates an outcome.
    public init(decision: Decision, fallback: FallbackReason? = nil, invalidAnswers: Int = 0, attempts: [ProviderAttempt] = []) {
        self.decision = decision
        self.fallback = fallback
        self.invalidAnswers = invalidAnswers
        self.attempts = attempts
    }
}

/// Why the rules engine decided.
public enum FallbackReason: Sendable, Hashable, CustomStringConvertible {
    /// No provider is configured (the built-in default).
    case noProvider
    /// Every provider failed or was unavailable (breaker open, unhealthy).
    case providersUnavailable
    /// The call or token budget is spent.
    case budgetExhausted(CallBudget.Refusal)
    /// The model's answer stayed invalid after one repair round.
    case invalidOutput(AnswerRejection)
    /// The model kept calling tools past the configured limits.
    case toolLimitReached(rounds: Int, calls: Int)

    /// A stable code for metrics and reports.
    public var code: String {
        switch self {
        case .noProvider: "NoProvider"
        case .providersUnavailable: "ProvidersUnavailable"
        case .budgetExhausted: "BudgetExhausted"
        case .invalidOutput: "InvalidOutput"
        case .toolLimitReached: "ToolLimitReached"
        }
    }

    /// A sentence for the decision's reasoning.
    public var description: String {
        switch self {
        case .noProvider: "no LLM provider is configured"
        case .providersUnavailable: "no LLM provider answered"
        case .budgetExhausted(let refusal): refusal.description
        case .invalidOutput(let rejection): "the model's answer stayed invalid (\(rejection))"
        case .toolLimitReached(let rounds, let calls): "the model exceeded the tool limits (\(rounds) rounds, \(calls) calls)"
        }
    }
}

/// What happened with one provider during one decision.
public struct ProviderAttempt: Sendable, Hashable {
    /// The provider's name.
    public var provider: String
    /// The model.
    public var model: String
    /// `decided`, `invalid`, `tool_limit`, `skipped_open`, `skipped_unhealthy`, or a
    /// ``ProviderError/code``.
    public var outcome: String
    /// Time spent on it.
    public var latency: Duration

    /// Creates a record.
    public init(provider: String, model: String, outcome: String, latency: Duration = .zero) {
        self.provider = provider
        self.model = model
        self.outcome = outcome
        self.latency = latency
    }
}
