import KubeTypes

/// Why a model's text could not be read as an answer. The message is fed back to the model in
/// the repair round, so it says exactly what was wrong.
public struct OutputParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, e.g. `duplicate key "action" at byte 57`.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// Extracts exactly one JSON object from a model's text.
///
/// Accepts a bare object, an object inside a Markdown code fence, or one object embedded in
/// prose. Rejects: no object, more than one candidate object, duplicate keys anywhere, invalid
/// JSON, non-object top-level values, and text over ``maximumBytes``.
public enum OutputParser {
    /// Answers longer than this are rejected before parsing (64 KiB).
    public static let maximumBytes = 64 * 1024

    /// The single JSON object in `text`.
    public static func extractObject(from text: String) throws(OutputParseError) -> [String: JSONValue] {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumBytes else {
            throw OutputParseError("answer is \(bytes.count) bytes; the limit is \(maximumBytes)")
        }
        if let fenced = fencedBlocks(in: text), !fenced.isEmpty {
            guard fenced.count == 1 else {
                throw OutputParseError("answer has \(fenced.count) code blocks; expected exactly one JSON object")
            }
            return try wholeObject(Array(fenced[0].utf8))
        }
        let trimmed = text.trimmingWhitespace
        if trimmed.first == "{" && trimmed.last == "}" {
            return try wholeObject(Array(trimmed.utf8))
        }
        return try embeddedObject(bytes)
    }

    /// Parses `bytes` as exactly one JSON object with nothing but whitespace around it.
    private static func wholeObject(_ bytes: [UInt8]) throws(OutputParseError) -> [String: JSONValue] {
        let parsed: (value: JSONValue, end: Int)
        do {
            parsed = try StrictJSONParser.parseValue(in: bytes, from: 0)
        } catch {
            throw OutputParseError("invalid JSON: \(error.message) at byte \(error.offset)")
        }
        guard case .object(let members) = parsed.value else {
            throw OutputParseError("expected a JSON object, got another JSON value")
        }
        let rest = bytes[parsed.end...].filter { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard rest.isEmpty else {
            throw OutputParseError("unexpected text after the JSON object at byte \(parsed.end)")
        }
        return members
    }

    /// Finds the one top-level JSON object in prose; duplicate keys are fatal.
    private static func embeddedObject(_ bytes: [UInt8]) throws(OutputParseError) -> [String: JSONValue] {
        var found: [[String: JSONValue]] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            do {
                let parsed = try StrictJSONParser.parseValue(in: bytes, from: index)
                if case .object(let members) = parsed.value { found.append(members) }
                index = parsed.end
            } catch {
                if error.message.hasPrefix("duplicate key") {
                    throw OutputParseError("invalid JSON: \(error.message) at byte \(error.offset)")
                }
                index += 1
            }
        }
        guard let first = found.first else { throw OutputParseError("no JSON object found in the answer") }
        guard found.count == 1 else {
            throw OutputParseError("answer contains \(found.count) JSON objects; expected exactly one")
        }
        return first
    }

    /// The contents of Markdown code fences (```json … ```), or `nil` when there are none.
    static func fencedBlocks(in text: String) -> [String]? {
        let parts = text.components(separatedBy: "```")
        guard parts.count >= 3 else { return nil }
        var blocks: [String] = []
        var index = 1
        while index < parts.count - 1 {
            var body = Substring(parts[index])
            if let newline = body.firstIndex(of: "\n"), !body[..<newline].contains("{") {
                body = body[body.index(after: newline)...]
            }
            let trimmed = String(body).trimmingWhitespace
            if trimmed.contains("{") { blocks.append(trimmed) }
            index += 2
        }
        return blocks
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
