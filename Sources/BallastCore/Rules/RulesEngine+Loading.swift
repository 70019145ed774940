import BallastAPI
import Foundation
import KubeTypes
import Yams

extension RulesEngine {
    /// The document shape: `rules: [Rule]`.
    private struct RuleFile: Decodable {
        var rules: [Rule]
    }

    static let ruleKeys: Set<String> = ["name", "match", "action", "parameters", "confidence", "reasoning"]
    static let matchKeys: Set<String> = ["alertNames", "severities", "targetKinds", "labels"]

    /// Loads and validates a rule file.
    ///
    /// - Throws: ``RuleLoadError`` naming the rule index and field for YAML syntax errors,
    ///   unknown keys (typos are not ignored), wrong types, unknown actions or severities,
    ///   confidences outside 0...1, duplicate names, target kinds the action cannot act on, and
    ///   parameters that do not fit the action's schema.
    public static func load(yaml: String) throws(RuleLoadError) -> RulesEngine {
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            throw RuleLoadError(field: "<document>", message: "not valid YAML: \(error)")
        }
        try checkKeys(node)
        let file: RuleFile
        do {
            file = try YAMLDecoder().decode(RuleFile.self, from: yaml)
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw RuleLoadError(field: "<document>", message: "\(error)")
        }
        var names = Set<String>()
        for (index, rule) in file.rules.enumerated() {
            if let problem = validate(rule) {
                throw RuleLoadError(ruleIndex: index, ruleName: rule.name, field: problem.field, message: problem.message)
            }
            if !names.insert(rule.name).inserted {
                throw RuleLoadError(ruleIndex: index, ruleName: rule.name, field: "name", message: "duplicates an earlier rule's name")
            }
        }
        return RulesEngine(rules: file.rules)
    }

    /// Rejects unknown keys in rules and matches, which `Decodable` would silently ignore.
    private static func checkKeys(_ node: Yams.Node?) throws(RuleLoadError) {
        guard let rules = node?.mapping?["rules"]?.sequence else {
            throw RuleLoadError(field: "rules", message: "the document must be a mapping with a `rules` list")
        }
        for (index, rule) in rules.enumerated() {
            let name = rule.mapping?["name"]?.string
            for key in rule.mapping?.keys.compactMap(\.string) ?? [] where !ruleKeys.contains(key) {
                throw RuleLoadError(ruleIndex: index, ruleName: name, field: key, message: "unknown key; expected one of \(ruleKeys.sorted().joined(separator: ", "))")
            }
            for key in rule.mapping?["match"]?.mapping?.keys.compactMap(\.string) ?? [] where !matchKeys.contains(key) {
                throw RuleLoadError(ruleIndex: index, ruleName: name, field: "match.\(key)", message: "unknown key; expected one of \(matchKeys.sorted().joined(separator: ", "))")
            }
        }
    }

    /// Maps a decoding error to the rule index and field it is about.
    private static func describe(_ error: DecodingError) -> RuleLoadError {
        let (path, message): ([any CodingKey], String)
        switch error {
        case .keyNotFound(let key, let context): (path, message) = (context.codingPath + [key], "is required")
        case .typeMismatch(let type, let context): (path, message) = (context.codingPath, "expected \(type); \(context.debugDescription)")
        case .valueNotFound(let type, let context): (path, message) = (context.codingPath, "expected \(type), found nothing")
        case .dataCorrupted(let context): (path, message) = (context.codingPath, context.debugDescription)
        @unknown default: (path, message) = ([], "\(error)")
        }
        guard path.count >= 2, path[0].stringValue == "rules", let index = path[1].intValue else {
            return RuleLoadError(field: APIFieldPath.render(path), message: message)
        }
        let field = APIFieldPath.render(Array(path.dropFirst(2)))
        return RuleLoadError(ruleIndex: index, field: field, message: message)
    }

    /// The first semantic problem with `rule`, as (field, message).
    static func validate(_ rule: Rule) -> (field: String, message: String)? {
        if rule.name.trimmingCharacters(in: .whitespaces).isEmpty { return ("name", "must not be empty") }
        if !(0...1).contains(rule.confidence) { return ("confidence", "\(rule.confidence) is outside 0...1") }
        let spec = ActionCatalog.spec(for: rule.action)
        for kind in rule.match.targetKinds ?? [] where !spec.accepts(kind: kind) {
            return ("match.targetKinds", "\(rule.action.rawValue) cannot act on a \(kind); it accepts \(spec.targetKinds.joined(separator: ", "))")
        }
        var sample = rule.parameters ?? [:]
        for (key, value) in sample where Rule.templateLabel(value) != nil {
            sample[key] = "template-value"
        }
        if let problem = spec.validate(parameters: sample).first {
            return ("parameters", problem.description)
        }
        return nil
    }
}
