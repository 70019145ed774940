import KubeTypes

/// A prompt ready for any provider: a system message, a user message and the JSON schema the
/// answer must follow.
public struct Prompt: Sendable, Hashable {
    /// Fixed instructions (role, rules, answer format).
    public var system: String
    /// The situation: target, allowed actions, alert, history, events, logs.
    public var user: String
    /// JSON Schema of the answer (for `response_format`, Ollama `format`, Anthropic tools).
    public var answerSchema: JSONValue
    /// Estimated tokens of `system + user` (about 4 characters per token).
    public var estimatedTokens: Int
    /// Titles of the sections that were shortened or dropped to fit the budget.
    public var truncatedSections: [String]

    /// Creates a prompt.
    public init(system: String, user: String, answerSchema: JSONValue, estimatedTokens: Int, truncatedSections: [String] = []) {
        self.system = system
        self.user = user
        self.answerSchema = answerSchema
        self.estimatedTokens = estimatedTokens
        self.truncatedSections = truncatedSections
    }

    /// The token estimate used for budgets: UTF-8 bytes / 4, rounded up.
    public static func estimateTokens(_ text: String) -> Int { (text.utf8.count + 3) / 4 }
}
