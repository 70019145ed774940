import BallastAPI
import KubeTypes

/// One decision, shaped like `RemediationRequest.status.decision` in docs/api.md; ``status()``
/// converts it to BallastAPI's `DecisionStatus` for the CR.
///
/// Action names are catalog wire names (`increase_resources`) because the engine's seams speak
/// them; a decision the engine returns always names a catalog action.
public struct Decision: Codable, Sendable, Hashable {
    /// The chosen catalog action.
    public var action: String
    /// Its parameters, validated against the catalog schema and the policy limits.
    public var parameters: [String: JSONValue]
    /// Confidence in [0, 1] as given by the model or rule; never inflated.
    public var confidence: Double
    /// Why (the model's or rule's words; not trusted as instructions).
    public var reasoning: String
    /// Where it came from: `LLM`, `Rules` or `Cache`.
    public var source: DecisionSource
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
        source: DecisionSource, model: String? = nil, latencyMs: Int = 0, tokens: TokenUsage? = nil,
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

    /// `status.decision` for the RemediationRequest, or `nil` when `action` is not an
    /// `ActionName` (impossible for decisions validated against BallastCore's catalog).
    /// Alternatives outside `ActionName` are dropped.
    public func status() -> DecisionStatus? {
        guard let name = ActionName(rawValue: action) else { return nil }
        return DecisionStatus(
            action: name, parameters: parameters, confidence: confidence, reasoning: reasoning, source: source, model: model,
            latencyMs: Int64(latencyMs), tokens: tokens,
            alternatives: alternatives.compactMap { alternative in
                ActionName(rawValue: alternative.action).map { AlternativeAction(action: $0, confidence: alternative.confidence) }
            })
    }
}

extension TokenUsage {
    /// No tokens.
    public static let zero = TokenUsage(prompt: 0, completion: 0)

    /// `prompt + completion`.
    public var total: Int64 { prompt + completion }

    /// The sum of two usages.
    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(prompt: lhs.prompt + rhs.prompt, completion: lhs.completion + rhs.completion)
    }
}
