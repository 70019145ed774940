import Foundation

/// A Kubernetes resource quantity (`512Mi`, `250m`, `1.5`, `2G`, `1e3`).
///
/// Kept as the original string (so it round-trips exactly) plus an exact value in
/// milli-units, which is what comparison and arithmetic use. Values beyond what milli-units
/// can hold in 64 bits (about 9.2 exa) are rejected.
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

    private static let suffixFactors: [String: Double] = [
        "": 1, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
        "Ki": 1024, "Mi": 1_048_576, "Gi": 1_073_741_824, "Ti": 1_099_511_627_776,
        "Pi": 1_125_899_906_842_624, "Ei": 1_152_921_504_606_846_976,
    ]

    /// Parses Kubernetes quantity syntax; negative or malformed values throw a ``ParseError``.
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let numberPart = trimmed.prefix { $0.isNumber || $0 == "." || $0 == "+" }
        var suffix = String(trimmed.dropFirst(numberPart.count))
        guard !numberPart.isEmpty, var value = Double(numberPart) else {
            throw ParseError(input: text, reason: "expected a non-negative number")
        }
        if let exponentStart = suffix.first, exponentStart == "e" || exponentStart == "E",
            suffix.count > 1, let exponent = Int(suffix.dropFirst())
        {
            value *= pow10(exponent)
            suffix = ""
        }
        guard let factor = Self.suffixFactors[suffix] else {
            throw ParseError(input: text, reason: "unknown suffix '\(suffix)'")
        }
        let milli = (value * factor * 1000).rounded(.up)
        guard milli.isFinite, milli < 9.2e18 else { throw ParseError(input: text, reason: "too large") }
        self.text = trimmed
        self.milliValue = Int64(milli)
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
    public var value: Int64 { (milliValue + 999) / 1000 }

    public var description: String { text }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.milliValue < rhs.milliValue }
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.milliValue == rhs.milliValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(milliValue) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let number = try? container.decode(Double.self) {
            text = number.rounded() == number ? String(Int64(number)) : String(number)
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

    /// The regular expression the CRD schemas use to validate quantity fields.
    public static let schemaPattern =
        #"^([+]?[0-9.]+)([eE][-+]?[0-9]+|[mkMGTPE]|[KMGTPE]i)?$"#
}

private func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(exponent) { result *= 10 }
    return exponent < 0 ? 1 / result : result
}
