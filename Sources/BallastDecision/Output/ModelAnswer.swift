import KubeTypes

/// A model's answer read field by field from its JSON object, before validation.
///
/// Reading is strict: `action` must be a string, `confidence` a number, `reasoning` a string,
/// `parameters` an object, `alternatives` an array of `{action, confidence}`; any other
/// top-level field is an error naming it (so an answer cannot carry a new `limits` or
/// `namespace` past the validator).
public struct ModelAnswer: Sendable, Hashable {
    /// The action the model chose.
    public var action: String
    /// Its parameters.
    public var parameters: [String: JSONValue]
    /// The model's confidence (not yet range-checked).
    public var confidence: Double
    /// The model's reasoning.
    public var reasoning: String
    /// Other actions considered.
    public var alternatives: [Decision.Alternative]
    /// A `target` the model echoed back, if any (it must equal the request's target).
    public var target: [String: JSONValue]?

    /// The top-level fields an answer may have.
    public static let fields: Set<String> = ["action", "parameters", "confidence", "reasoning", "alternatives", "target"]

    /// Reads an answer from a parsed JSON object.
    public init(object: [String: JSONValue]) throws(OutputParseError) {
        if let unknown = object.keys.filter({ !Self.fields.contains($0) }).sorted().first {
            throw OutputParseError("unknown field \"\(unknown)\"; allowed fields are \(Self.fields.sorted().joined(separator: ", "))")
        }
        guard let action = object["action"]?.stringValue, !action.isEmpty else {
            throw OutputParseError("field \"action\" must be a non-empty string")
        }
        guard let confidence = object["confidence"]?.doubleValue else {
            throw OutputParseError("field \"confidence\" must be a number between 0 and 1")
        }
        guard let reasoning = object["reasoning"]?.stringValue else {
            throw OutputParseError("field \"reasoning\" must be a string")
        }
        var parameters: [String: JSONValue] = [:]
        if let raw = object["parameters"], raw != .null {
            guard let members = raw.objectValue else { throw OutputParseError("field \"parameters\" must be an object") }
            parameters = members
        }
        var alternatives: [Decision.Alternative] = []
        if let raw = object["alternatives"], raw != .null {
            guard let items = raw.arrayValue else { throw OutputParseError("field \"alternatives\" must be an array") }
            for (index, item) in items.enumerated() {
                guard let name = item["action"]?.stringValue, let score = item["confidence"]?.doubleValue else {
                    throw OutputParseError("alternatives[\(index)] must be {\"action\": string, \"confidence\": number}")
                }
                alternatives.append(Decision.Alternative(action: name, confidence: score))
            }
        }
        if let raw = object["target"], raw != .null {
            guard let members = raw.objectValue else { throw OutputParseError("field \"target\" must be an object") }
            target = members
        }
        self.action = action
        self.parameters = parameters
        self.confidence = confidence
        self.reasoning = reasoning
        self.alternatives = alternatives
    }

    /// Parses `text` (bare JSON, fenced or embedded in prose) into an answer.
    public static func parse(_ text: String) throws(OutputParseError) -> ModelAnswer {
        try ModelAnswer(object: OutputParser.extractObject(from: text))
    }
}
