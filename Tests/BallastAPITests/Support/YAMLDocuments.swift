import KubeTypes
import Yams

/// Parses YAML the way Kubernetes does (YAML 1.1 scalars, several documents per file) into
/// ``JSONValue``s, keeping quoted scalars as strings and timestamps as their text.
enum YAMLDocuments {
    /// A YAML construct that has no JSON equivalent here.
    struct Unsupported: Error, CustomStringConvertible {
        let origin: String
        let detail: String
        var description: String { "\(origin): \(detail)" }
    }

    /// Every non-empty document of `text`, as JSON. `origin` names the source in errors.
    static func parse(_ text: String, origin: String) throws -> [JSONValue] {
        var documents = try compose_all(yaml: text)
        var values: [JSONValue] = []
        while let node = documents.next() {
            let value = try json(node, origin: origin)
            if value != .null { values.append(value) }
        }
        // The sequence stops at the first syntax error and keeps it instead of throwing.
        if let error = documents.error {
            throw Unsupported(origin: origin, detail: "invalid YAML: \(error)")
        }
        return values
    }

    /// The fenced ```yaml blocks of a Markdown text, in order.
    static func markdownBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```yaml" {
                current = []
            } else if let lines = current, line.trimmingCharacters(in: .whitespaces) == "```" {
                blocks.append(lines.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    private static func json(_ node: Yams.Node, origin: String) throws -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, tag: Tag.Name(rawValue: node.tag.rawValue))
        case .sequence(let sequence):
            return .array(try sequence.map { try json($0, origin: origin) })
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw Unsupported(origin: origin, detail: "non-string key \(key)")
                }
                members[name] = try json(value, origin: origin)
            }
            return .object(members)
        case .alias:
            throw Unsupported(origin: origin, detail: "YAML aliases are not used in Ballast manifests")
        }
    }

    private static func scalarValue(_ scalar: Yams.Node.Scalar, tag: Tag.Name) -> JSONValue {
        let text = scalar.string
        // Quoted scalars are strings whatever they look like ("", "true", "3").
        guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
        switch tag {
        case .null: return .null
        case .bool: return .bool(["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"].contains(text))
        case .int: return Int64(text).map(JSONValue.int) ?? .string(text)
        case .float: return Double(text).map(JSONValue.double) ?? .string(text)
        default: return .string(text)
        }
    }
}
