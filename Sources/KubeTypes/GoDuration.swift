import Foundation

/// A duration in Go's `time.Duration` string syntax, as Kubernetes APIs write them
/// (`90s`, `10m`, `1h30m`, `1.5h`, `500ms`).
///
/// Stored as whole milliseconds so that arithmetic and comparison are exact. Encodes to and
/// decodes from its canonical string form (`1h30m0s` is written as `1h30m`).
public struct GoDuration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The length in milliseconds; never negative.
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = max(0, milliseconds) }
    public static func seconds(_ value: Int64) -> GoDuration { GoDuration(milliseconds: value * 1000) }
    public static func minutes(_ value: Int64) -> GoDuration { .seconds(value * 60) }
    public static func hours(_ value: Int64) -> GoDuration { .minutes(value * 60) }
    public static let zero = GoDuration(milliseconds: 0)

    /// The length in seconds, for `Date` arithmetic.
    public var timeInterval: Double { Double(milliseconds) / 1000 }

    /// Why a string is not a Go duration.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var input: String
        public var reason: String
        public var description: String { "'\(input)' is not a duration (\(reason)); use e.g. 90s, 10m, 1h30m" }
    }

    private static let unitMilliseconds: [(String, Double)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000),
    ]

    /// Parses Go duration syntax. Negative durations, `us`/`ns` precision below a millisecond
    /// and unknown units are rejected with a ``ParseError`` that says why.
    public init(parsing text: String) throws(ParseError) {
        if text == "0" { self.init(milliseconds: 0); return }
        var rest = Substring(text)
        var total = 0.0
        guard !rest.isEmpty else { throw ParseError(input: text, reason: "empty") }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else {
                throw ParseError(input: text, reason: "expected a number at '\(rest)'")
            }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            guard let factor = Self.unitMilliseconds.first(where: { $0.0 == unit })?.1 else {
                throw ParseError(input: text, reason: unit.isEmpty ? "missing unit" : "unknown unit '\(unit)'")
            }
            rest = rest.dropFirst(unit.count)
            total += value * factor
        }
        guard total < Double(Int64.max / 2) else { throw ParseError(input: text, reason: "too large") }
        self.init(milliseconds: Int64(total.rounded()))
    }

    /// Canonical Go form: `1h30m`, `90s` as `1m30s`, `500ms`, `0s`.
    public var description: String {
        if milliseconds == 0 { return "0s" }
        var remaining = milliseconds
        var text = ""
        let hours = remaining / 3_600_000
        remaining %= 3_600_000
        let minutes = remaining / 60_000
        remaining %= 60_000
        let seconds = remaining / 1000
        let millis = remaining % 1000
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if seconds > 0 { text += "\(seconds)s" }
        if millis > 0 { text += "\(millis)ms" }
        return text
    }

    public static func < (lhs: GoDuration, rhs: GoDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The regular expression the CRD schemas use to validate duration fields.
    public static let schemaPattern = #"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$|^0$"#
}
