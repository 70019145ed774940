import Foundation

/// RFC 3339 timestamps as Kubernetes writes them (`metav1.Time`, `metav1.MicroTime`).
///
/// Parsing accepts both whole seconds (`2026-11-20T10:00:00Z`) and fractional seconds
/// (`2026-11-20T10:00:00.123456Z`), with `Z` or a numeric offset. Formatting writes UTC, whole
/// seconds when the instant has none, microseconds otherwise, so values round-trip through the
/// API server unchanged.
public enum KubeTime {
    /// Parses an RFC 3339 timestamp; `nil` when the text is not one.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }

    /// Formats `date` as RFC 3339 in UTC.
    public static func format(_ date: Date) -> String {
        // Round to whole microseconds first, so that x.9999996 s becomes (x+1).000000 s.
        let totalMicros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let whole = (totalMicros / 1_000_000).rounded(.down)
        let base = Date(timeIntervalSince1970: whole).formatted(Date.ISO8601FormatStyle())
        let micros = Int(totalMicros - whole * 1_000_000)
        guard micros > 0 else { return base }
        let fraction = String(format: "%06d", micros)
        return String(base.dropLast()) + "." + fraction + "Z"
    }
}

extension JSONDecoder {
    /// A decoder for Kubernetes JSON: RFC 3339 dates with or without fractional seconds, and
    /// ``JSONValue``s decoded in the order that is fastest for JSON
    /// (``CodingUserInfoKey/scalarsCarryTheirType``).
    ///
    /// Create one per task: `JSONDecoder` is cheap and this keeps callers free of shared state.
    public static func kubernetes() -> JSONDecoder {
        let decoder = JSONDecoder()
        if let key = CodingUserInfoKey.scalarsCarryTheirType { decoder.userInfo[key] = true }
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = KubeTime.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not an RFC 3339 timestamp")
            }
            return date
        }
        return decoder
    }
}

extension JSONEncoder {
    /// An encoder for Kubernetes JSON: RFC 3339 UTC dates (see ``KubeTime/format(_:)``).
    public static func kubernetes() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(KubeTime.format(date))
        }
        return encoder
    }
}
