import KubeTypes

/// What the engine needs from BallastCore's action catalog: the actions with their parameter
/// schemas, and validation of parameters against a schema and the policy's limits.
///
/// A seam, not a second catalog: the operator adapts BallastCore's catalog to it, tests supply
/// small fakes. Implementations must be pure (no I/O) and deterministic.
public protocol DecisionCatalog: Sendable {
    /// Every action in the catalog, in a stable order (it is rendered into prompts).
    var actions: [ActionSpecification] { get }

    /// Problems with `parameters` for `action` under `limits`, each naming the parameter
    /// (e.g. `parameters.replicas: 40 exceeds maxReplicas 20`); empty when valid.
    func validate(
        action: ActionSpecification, parameters: [String: JSONValue], limits: [String: JSONValue],
        target: TargetSummary
    ) -> [String]
}

extension DecisionCatalog {
    /// The action named `name`, or `nil` when the catalog has no such action.
    public func action(named name: String) -> ActionSpecification? {
        actions.first { $0.name == name }
    }
}

/// One catalog action as the model is told about it.
public struct ActionSpecification: Codable, Sendable, Hashable {
    /// The wire name, e.g. `scale_deployment`.
    public var name: String
    /// One line saying what it does.
    public var summary: String
    /// A JSON Schema object describing `parameters`.
    public var parameterSchema: JSONValue

    /// Creates an action specification.
    public init(name: String, summary: String, parameterSchema: JSONValue = ["type": "object"]) {
        self.name = name
        self.summary = summary
        self.parameterSchema = parameterSchema
    }
}

/// What the engine needs from BallastCore's rules engine: a deterministic decision for a
/// context, with an honest confidence. Used as the fallback and as the built-in default.
public protocol RulesDecider: Sendable {
    /// Decides for `context`; must be pure and must only choose from `context.allowedActions`
    /// (or `escalate`/`notify_only` when nothing fits).
    func decide(_ context: DecisionContext) -> RulesVerdict
}

/// The rules engine's answer.
public struct RulesVerdict: Sendable, Hashable {
    /// The chosen action.
    public var action: String
    /// Its parameters.
    public var parameters: [String: JSONValue]
    /// The rule's own confidence in [0, 1], passed on unchanged.
    public var confidence: Double
    /// Which rule matched and why.
    public var reasoning: String

    /// Creates a verdict.
    public init(action: String, parameters: [String: JSONValue] = [:], confidence: Double, reasoning: String) {
        self.action = action
        self.parameters = parameters
        self.confidence = confidence
        self.reasoning = reasoning
    }
}
