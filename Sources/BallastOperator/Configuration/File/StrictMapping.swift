import KubeTypes
import Yams

/// One YAML mapping of the configuration file, read strictly: each accessor checks the value's
/// type and names the full key path (`llm.providers[1].model`) when it is wrong, and
/// ``rejectUnknownKeys(allowed:)`` turns every key nobody asked for into an error with the
/// closest known key as a suggestion. A `null` value counts as absent.
struct StrictMapping {
    /// The configuration file's path, for messages.
    let file: String
    /// This mapping's key path (empty at the top level).
    let path: String
    private let entries: [(key: String, value: Yams.Node)]

    /// Wraps `node`, which must be a mapping with string keys, found at `path`.
    init(_ node: Yams.Node, file: String, path: String) throws(ConfigurationError) {
        guard let mapping = node.mapping else {
            throw .wrongType(path: file, key: path.isEmpty ? "(top level)" : path, expected: "a mapping", found: Self.describe(node))
        }
        var entries: [(key: String, value: Yams.Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                throw .wrongType(path: file, key: Self.join(path, "?"), expected: "a string key", found: Self.describe(key))
            }
            entries.append((name, value))
        }
        self.file = file
        self.path = path
        self.entries = entries
    }

    /// The key path of `key` in this mapping.
    func keyPath(_ key: String) -> String { Self.join(path, key) }

    /// Where `key` of this mapping came from, for value errors.
    func origin(_ key: String) -> SettingOrigin { .file(path: file, key: keyPath(key)) }

    /// Throws for the first key not in `allowed`, suggesting the closest allowed key.
    func rejectUnknownKeys(allowed: [String]) throws(ConfigurationError) {
        for entry in entries where !allowed.contains(entry.key) {
            throw .unknownKey(path: file, key: keyPath(entry.key), suggestion: KeySuggestion.closest(to: entry.key, among: allowed))
        }
    }

    /// The value of `key`, `nil` when absent or null.
    func node(_ key: String) -> Yams.Node? {
        guard let node = entries.first(where: { $0.key == key })?.value, node.null == nil else { return nil }
        return node
    }

    /// A scalar as text (numbers and booleans are taken as written).
    func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let node = node(key) else { return nil }
        guard let scalar = node.scalar else { throw wrongType(key, "a string", node) }
        return scalar.string
    }

    /// An integer.
    func int(_ key: String) throws(ConfigurationError) -> Int? {
        guard let node = node(key) else { return nil }
        guard node.scalar != nil, let value = Int(node.scalar?.string ?? "") else { throw wrongType(key, "an integer", node) }
        return value
    }

    /// A number (integers are accepted).
    func double(_ key: String) throws(ConfigurationError) -> Double? {
        guard let node = node(key) else { return nil }
        guard node.scalar != nil, let value = Double(node.scalar?.string ?? ""), value.isFinite else {
            throw wrongType(key, "a number", node)
        }
        return value
    }

    /// `true` or `false`.
    func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let node = node(key) else { return nil }
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default: throw wrongType(key, "true or false", node)
        }
    }

    /// A Go duration string (`30s`, `10m`, `1h30m`).
    func duration(_ key: String) throws(ConfigurationError) -> GoDuration? {
        guard let text = try string(key) else { return nil }
        do {
            return try GoDuration(parsing: text)
        } catch {
            throw .invalidValue(origin: origin(key), value: text, problem: "expected a duration such as 30s, 10m or 1h30m (\(error.reason))")
        }
    }

    /// A string that must be present and non-empty.
    func required(_ key: String) throws(ConfigurationError) -> String {
        guard let value = try string(key), !value.isEmpty else {
            throw .invalidValue(origin: origin(key), value: "", problem: "required")
        }
        return value
    }

    /// An integer within `range`.
    func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value = try int(key) else { return nil }
        guard range.contains(value) else {
            throw .invalidValue(origin: origin(key), value: String(value), problem: "must be from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A number within `range`.
    func double(_ key: String, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double? {
        guard let value = try double(key) else { return nil }
        guard range.contains(value) else {
            throw .invalidValue(origin: origin(key), value: String(value), problem: "must be from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A duration longer than zero, as a `Duration`.
    func positiveDuration(_ key: String) throws(ConfigurationError) -> Duration? {
        guard let value = try duration(key) else { return nil }
        guard value.milliseconds > 0 else {
            throw .invalidValue(origin: origin(key), value: "\(value)", problem: "must be longer than 0s")
        }
        return .milliseconds(value.milliseconds)
    }

    /// A list of strings.
    func strings(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let node = node(key) else { return nil }
        guard let sequence = node.sequence else { throw wrongType(key, "a list of strings", node) }
        var values: [String] = []
        for (index, item) in sequence.enumerated() {
            guard let text = item.scalar?.string, item.null == nil else {
                throw .wrongType(path: file, key: "\(keyPath(key))[\(index)]", expected: "a string", found: Self.describe(item))
            }
            values.append(text)
        }
        return values
    }

    /// A nested mapping.
    func mapping(_ key: String) throws(ConfigurationError) -> StrictMapping? {
        guard let node = node(key) else { return nil }
        return try StrictMapping(node, file: file, path: keyPath(key))
    }

    /// A list of mappings, each with its indexed key path (`llm.providers[0]`).
    func mappings(_ key: String) throws(ConfigurationError) -> [StrictMapping]? {
        guard let node = node(key) else { return nil }
        guard let sequence = node.sequence else { throw wrongType(key, "a list of mappings", node) }
        var result: [StrictMapping] = []
        for (index, item) in sequence.enumerated() {
            result.append(try StrictMapping(item, file: file, path: "\(keyPath(key))[\(index)]"))
        }
        return result
    }

    private func wrongType(_ key: String, _ expected: String, _ node: Yams.Node) -> ConfigurationError {
        .wrongType(path: file, key: keyPath(key), expected: expected, found: Self.describe(node))
    }

    /// How a value looks, for messages: `a mapping`, `a list`, or the scalar quoted.
    static func describe(_ node: Yams.Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): node.null != nil ? "nothing" : scalar.string.debugDescription
        case .alias: "an alias"
        }
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
