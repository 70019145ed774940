import Foundation

/// `metav1.MicroTime`: a timestamp the API server requires with microsecond precision
/// (`2026-11-20T10:00:00.000000Z`), as Leases' `acquireTime`/`renewTime` and Events'
/// `eventTime` are validated. Always encodes six fractional digits.
public struct MicroTime: Codable, Sendable, Hashable, Comparable {
    public var date: Date

    /// Wraps `date`.
    public init(_ date: Date) { self.date = date }

    /// Decodes any RFC 3339 timestamp.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = KubeTime.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an RFC 3339 timestamp")
        }
        self.date = date
    }

    /// Encodes as RFC 3339 UTC with exactly six fractional digits.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(formatted)
    }

    /// The RFC 3339 text with microseconds.
    public var formatted: String {
        let seconds = date.timeIntervalSince1970
        var whole = seconds.rounded(.down)
        var micros = Int(((seconds - whole) * 1_000_000).rounded())
        if micros == 1_000_000 {
            whole += 1
            micros = 0
        }
        let base = Date(timeIntervalSince1970: whole).formatted(Date.ISO8601FormatStyle())
        return String(base.dropLast()) + "." + String(format: "%06d", micros) + "Z"
    }

    public static func < (lhs: MicroTime, rhs: MicroTime) -> Bool { lhs.date < rhs.date }
}
