import Foundation

/// A Kubernetes resource quantity (`512Mi`, `250m`, `1.5`, `2G`, `1e3`).
///
/// Kept as the original string (so it round-trips exactly) plus an exact value in
/// milli-units, which is what comparison and arithmetic use. Values beyond what milli-units
/// can hold in 64 bits (about 9.2 × 10^15 base units: 8 PiB, or 9.2 million cores) are
/// rejected as too large.
public struct Quantity: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The text as written, e.g. `512Mi`.
    public let text: String
    /// The value in thousandths of the base unit (bytes, cores): `250m` is 250, `1Ki` is 1,024,000.
    public let milliValue: Int64

    /// Why a string is not a quantity.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var input: String
        public var reason: String
        public var description: String { "'\(input)' is not a quantity (\(reason)); use e.g. 512Mi, 250m, 2" }
    }

    /// Multipliers of the suffixes, as exact decimals (binary suffixes are powers of 1024).
    private static let suffixFactors: [String: Decimal] = [
        "": 1, "m": Decimal(sign: .plus, exponent: -3, significand: 1),
        "k": Decimal(sign: .plus, exponent: 3, significand: 1),
        "M": Decimal(sign: .plus, exponent: 6, significand: 1),
        "G": Decimal(sign: .plus, exponent: 9, significand: 1),
        "T": Decimal(sign: .plus, exponent: 12, significand: 1),
        "P": Decimal(sign: .plus, exponent: 15, significand: 1),
        "E": Decimal(sign: .plus, exponent: 18, significand: 1),
        "Ki": Decimal(1 << 10), "Mi": Decimal(1 << 20), "Gi": Decimal(1 << 30), "Ti": Decimal(1 << 40),
        "Pi": Decimal(1 << 50), "Ei": Decimal(1 << 60),
    ]

    /// Parses Kubernetes quantity syntax; negative or malformed values throw a ``ParseError``.
    ///
    /// The arithmetic is decimal, so `2.007` is exactly 2007 milli-units; like Kubernetes,
    /// precision below a milli-unit is rounded up (`0.0001` is 1m).
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let numberPart = trimmed.prefix { ("0"..."9").contains($0) || $0 == "." || $0 == "+" }
        var suffix = String(trimmed.dropFirst(numberPart.count))
        guard var value = Self.decimal(numberPart) else {
            throw ParseError(input: text, reason: "expected a non-negative number")
        }
        if let exponentStart = suffix.first, exponentStart == "e" || exponentStart == "E",
            suffix.count > 1, let exponent = Int(suffix.dropFirst())
        {
            // Beyond ±60 a non-zero value is either far too large or rounds up to 1m anyway;
            // clamping keeps the exponent inside Decimal's range.
            guard exponent <= 60 || value == 0 else { throw ParseError(input: text, reason: "too large") }
            value *= Decimal(sign: .plus, exponent: min(max(exponent, -60), 60), significand: 1)
            suffix = ""
        }
        guard let factor = Self.suffixFactors[suffix] else {
            throw ParseError(input: text, reason: "unknown suffix '\(suffix)'")
        }
        var exact = value * factor * 1000
        var milli = Decimal()
        NSDecimalRound(&milli, &exact, 0, .up)
        guard milli < Decimal(9_200_000_000_000_000_000 as UInt64), let whole = Int64("\(milli)") else {
            throw ParseError(input: text, reason: "too large")
        }
        self.text = trimmed
        self.milliValue = whole
    }

    /// The exact value of `+`-optionally-prefixed ASCII digits with at most one `.`, or `nil`.
    private static func decimal(_ text: Substring) -> Decimal? {
        let unsigned = text.hasPrefix("+") ? text.dropFirst() : text
        guard unsigned.contains(where: { $0 != "." }), !unsigned.contains("+"),
            unsigned.filter({ $0 == "." }).count <= 1
        else { return nil }
        return Decimal(string: String(unsigned), locale: Locale(identifier: "en_US_POSIX"))
    }

    /// A quantity of `bytes`, written with the largest binary suffix that divides it exactly.
    public init(bytes: Int64) {
        let units: [(String, Int64)] = [("Ti", 1 << 40), ("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)]
        let unit = units.first { bytes > 0 && bytes % $0.1 == 0 }
        self.text = unit.map { "\(bytes / $0.1)\($0.0)" } ?? "\(bytes)"
        self.milliValue = bytes.multipliedReportingOverflow(by: 1000).overflow ? Int64.max : bytes * 1000
    }

    /// A CPU quantity of `millicores`, written as whole cores when exact (`2`) or `250m`.
    public init(millicores: Int64) {
        self.text = millicores % 1000 == 0 ? "\(millicores / 1000)" : "\(millicores)m"
        self.milliValue = millicores
    }

    /// The value in base units (bytes or cores), rounded up to a whole unit.
    public var value: Int64 { milliValue / 1000 + (milliValue % 1000 > 0 ? 1 : 0) }

    public var description: String { text }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.milliValue < rhs.milliValue }
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.milliValue == rhs.milliValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(milliValue) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let number = try? container.decode(Double.self) {
            text = Int64(exactly: number).map { String($0) } ?? String(number)
        } else {
            text = try container.decode(String.self)
        }
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// The regular expression the CRD schemas use to validate quantity fields: one number (at
    /// most one `.`) and an optional suffix or exponent, so that every value the API server
    /// accepts also parses here (up to the magnitude limit).
    public static let schemaPattern =
        #"^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+|[mkMGTPE]|[KMGTPE]i)?$"#
}
