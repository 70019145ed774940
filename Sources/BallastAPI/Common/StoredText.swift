import KubeTypes

/// What text and JSON cost as the API server stores them in etcd (compact JSON, written by Go,
/// which escapes HTML characters): the unit of every text bound in ``DiagnosticsLimits``.
public enum StoredText {
    /// The bytes `text` takes inside a JSON string as the API server stores it: UTF-8, with
    /// `"` and `\` escaped to two bytes, control characters, `<`, `>`, `&`, U+2028 and U+2029
    /// to six (`\u003c`; `\n`, `\r`, `\t` to two).
    public static func bytes(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + bytes(of: $1) }
    }

    /// The stored bytes of one scalar; see ``bytes(of:)-(String)``.
    public static func bytes(of scalar: Unicode.Scalar) -> Int {
        switch scalar {
        case "\"", "\\", "\n", "\r", "\t": return 2
        case "<", ">", "&", "\u{2028}", "\u{2029}": return 6
        default: return scalar.value < 0x20 ? 6 : UTF8.width(scalar)
        }
    }

    /// The ellipsis that marks cut text (three stored bytes).
    public static let ellipsis = "…"

    /// `text` when it fits in `limit` stored bytes; otherwise its longest prefix of whole
    /// scalars that fits together with a trailing ``ellipsis``. Deterministic; never longer
    /// than `limit` (an empty string for a `limit` under 3).
    public static func cut(_ text: String, to limit: Int) -> String {
        guard bytes(of: text) > limit else { return text }
        let budget = limit - bytes(of: ellipsis)
        guard budget >= 0 else { return "" }
        var used = 0
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let cost = bytes(of: scalar)
            guard used + cost <= budget else { break }
            used += cost
            kept.append(scalar)
        }
        return String(kept) + ellipsis
    }

    /// `text` when it has at most `limit` Unicode scalars (what a schema's `maxLength` counts:
    /// the API server counts runes); otherwise its first `limit − 1` scalars and a trailing
    /// ``ellipsis``. Deterministic; never longer than `limit` scalars (empty for a `limit` < 1).
    public static func cut(_ text: String, toScalars limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        guard limit >= 1 else { return "" }
        return String(String.UnicodeScalarView(scalars.prefix(limit - 1))) + ellipsis
    }

    /// The bytes `value` takes as compact JSON as the API server stores it: strings as
    /// ``bytes(of:)-(String)`` plus quotes, numbers as written, separators included.
    public static func bytes(ofJSON value: JSONValue) -> Int {
        switch value {
        case .null: return 4
        case .bool(let flag): return flag ? 4 : 5
        case .int(let number): return String(number).utf8.count
        case .double(let number): return String(number).utf8.count
        case .string(let text): return bytes(of: text) + 2
        case .array(let elements):
            return 2 + max(elements.count - 1, 0) + elements.reduce(0) { $0 + bytes(ofJSON: $1) }
        case .object(let members):
            return 2 + max(members.count - 1, 0) + members.reduce(0) { $0 + bytes(of: $1.key) + 3 + bytes(ofJSON: $1.value) }
        }
    }
}
