import Foundation
import Logging

/// Renders one log record as a single line of JSON. Pure.
enum JSONLogLine {
    /// The keys every record has; metadata using one of them is written with a `_` prefix.
    static let fixedKeys: Set<String> = ["ts", "level", "logger", "msg", "source"]

    /// `{"ts":…,"level":…,"logger":…,"msg":…,<metadata sorted by key>,"source":…}\n`.
    static func render(
        time: Date, level: Logger.Level, logger: String, message: String, metadata: Logger.Metadata, source: String?
    ) -> String {
        var line = "{\"ts\":"
        appendString(time.formatted(timestampStyle), to: &line)
        line += ",\"level\":"
        appendString(level.rawValue, to: &line)
        line += ",\"logger\":"
        appendString(logger, to: &line)
        line += ",\"msg\":"
        appendString(message, to: &line)
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            line += ","
            appendString(fixedKeys.contains(key) ? "_" + key : key, to: &line)
            line += ":"
            appendString(flatten(value), to: &line)
        }
        if let source {
            line += ",\"source\":"
            appendString(source, to: &line)
        }
        line += "}\n"
        return line
    }

    /// RFC 3339 in UTC with milliseconds: `2026-11-21T11:18:08.123Z`.
    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    /// A metadata value as text: strings as they are, nested values in swift-log's notation.
    static func flatten(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array, .dictionary: value.description
        }
    }

    /// Appends `text` as a JSON string literal: `"` and `\` escaped, control characters as
    /// `\n`, `\t`, `\r` or `\u00XX`, and U+2028/U+2029 escaped too (so the line stays one line
    /// for every consumer); everything else as UTF-8.
    static func appendString(_ text: String, to line: inout String) {
        line.unicodeScalars.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case "\u{2028}", "\u{2029}":
                line += String(format: "\\u%04X", scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    line += String(format: "\\u%04X", scalar.value)
                } else {
                    line.unicodeScalars.append(scalar)
                }
            }
        }
        line.unicodeScalars.append("\"")
    }
}
