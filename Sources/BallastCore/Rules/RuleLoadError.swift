/// Why a rule file could not be loaded: names the rule (by index, and by name when known) and
/// the field.
public struct RuleLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 0-based index of the rule in `rules`, when the problem is inside one.
    public var ruleIndex: Int?
    /// The rule's name, when it could be read.
    public var ruleName: String?
    /// The field path inside the rule (`match.severities[0]`), or `<document>`.
    public var field: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(ruleIndex: Int? = nil, ruleName: String? = nil, field: String, message: String) {
        self.ruleIndex = ruleIndex
        self.ruleName = ruleName
        self.field = field
        self.message = message
    }

    /// `rules[2] (oom-killed).confidence: 1.5 is outside 0...1`.
    public var description: String {
        guard let ruleIndex else { return "\(field): \(message)" }
        let name = ruleName.map { " (\($0))" } ?? ""
        return "rules[\(ruleIndex)]\(name).\(field): \(message)"
    }
}
