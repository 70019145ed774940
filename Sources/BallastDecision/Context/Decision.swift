import KubeTypes

/// One decision, shaped like `RemediationRequest.status.decision` in docs/api.md.
public struct Decision: Codable, Sendable, Hashable {
    /// Where the decision came from (`status.decision.source`).
    public enum Source: String, Codable, Sendable, Hashable {
        /// A language model chose it.
        case llm = "LLM"
        /// The deterministic rules chose it.
        case rules = "Rules"
        /// A cached earlier decision for the same alert, target and observed state.
        case cache = "Cache"
    }

    /// The chosen catalog action.
    public var action: String
    /// Its parameters, validated against the catalog schema and the policy limits.
    public var parameters: [String: JSONValue]
    /// Confidence in [0, 1] as given by the model or rule; never inflated.
    public var confidence: Double
    /// Why (the model's or rule's words; not trusted as instructions).
    public var reasoning: String
    /// Where it came from.
    public var source: Source
    /// The model that decided (`nil` for rules).
    public var model: String?
    /// Time spent deciding, in milliseconds.
    public var latencyMs: Int
    /// Tokens used (`nil` for rules and cache hits).
    public var tokens: TokenUsage?
    /// Other actions the model considered, each validated to exist in the allowed set.
    public var alternatives: [Alternative]

    /// Creates a decision.
    public init(
        action: String, parameters: [String: JSONValue] = [:], confidence: Double, reasoning: String,
        source: Source, model: String? = nil, latencyMs: Int = 0, tokens: TokenUsage? = nil,
        alternatives: [Alternative] = []
    ) {
        self.action = action
        self.parameters = parameters
        self.confidence = confidence
        self.reasoning = reasoning
        self.source = source
        self.model = model
        self.latencyMs = latencyMs
        self.tokens = tokens
        self.alternatives = alternatives
    }

    /// An action considered but not chosen.
    public struct Alternative: Codable, Sendable, Hashable {
        /// The action.
        public var action: String
        /// Its confidence in [0, 1].
        public var confidence: Double

        /// Creates an alternative.
        public init(action: String, confidence: Double) {
            self.action = action
            self.confidence = confidence
        }
    }
}

/// Tokens used by one decision (`status.decision.tokens`).
public struct TokenUsage: Codable, Sendable, Hashable {
    /// Prompt (input) tokens.
    public var prompt: Int
    /// Completion (output) tokens.
    public var completion: Int

    /// Creates a usage record.
    public init(prompt: Int, completion: Int) {
        self.prompt = prompt
        self.completion = completion
    }

    /// `prompt + completion`.
    public var total: Int { prompt + completion }

    /// The sum of two usages.
    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(prompt: lhs.prompt + rhs.prompt, completion: lhs.completion + rhs.completion)
    }
}
