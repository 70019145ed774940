import Foundation

/// A closed set of string values that a CRD schema declares as an `enum`.
///
/// Conforming types decode strictly: a value outside the set fails with a
/// `DecodingError.dataCorrupted` whose message names the field path, the offending value and the
/// accepted values, so a bad object is reported as precisely as the API server would report it.
public protocol APIEnum: RawRepresentable, CaseIterable, Codable, Sendable, Hashable
where RawValue == String {}

extension APIEnum {
    /// Decodes one of the declared raw values, or throws naming the field and the allowed values.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: Self.unknownValueMessage(text, path: decoder.codingPath))
        }
        self = value
    }

    /// Encodes the raw value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The allowed raw values, in declaration order (what the CRD schema lists).
    public static var allowedValues: [String] { allCases.map(\.rawValue) }

    /// A message such as `spec.mode: unknown value "Sometimes"; expected one of Auto, DryRun`.
    public static func unknownValueMessage(_ value: String, path: [any CodingKey]) -> String {
        let field = APIFieldPath.render(path)
        let expected = allowedValues.joined(separator: ", ")
        return "\(field): unknown value \"\(value)\"; expected one of \(expected)"
    }
}

/// Renders decoding paths the way Kubernetes names fields (`spec.actions[1].name`).
public enum APIFieldPath {
    /// The dotted field path of `codingPath`, with array indices in brackets; `<root>` when empty.
    public static func render(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "<root>" : text
    }
}
