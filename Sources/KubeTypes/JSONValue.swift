import Foundation

/// An arbitrary JSON value that is `Sendable`, `Hashable` and round-trips exactly.
///
/// Used wherever Kubernetes or Ballast carries free-form data: unstructured objects, patches,
/// action parameters, labels of unknown shape. Integers and floating-point numbers are kept
/// apart so that an `int64` field read from the API server is written back unchanged.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue: Codable {
    /// Decodes any JSON value.
    ///
    /// `Decoder` cannot say what kind of value comes next, so kinds are tried in turn, and each
    /// wrong guess costs a thrown `DecodingError` (with its coding path and message). Objects
    /// and arrays, which make up much of a Kubernetes object, are tried first: no decoder reads
    /// a scalar as either. Scalars follow in the order boolean, integer, floating point,
    /// string, which YAML decoders need: they read any scalar as a string, so `1.5` must be
    /// offered as a number first. A decoder whose scalars carry their type (JSON) says so with
    /// ``CodingUserInfoKey/scalarsCarryTheirType``; then strings and integers, the most common
    /// scalars of Kubernetes objects and action records, are tried first (`ballast-bench codec`:
    /// a Deployment decodes about twice as fast). An integer is always tried before a
    /// floating-point number so that `3` stays ``int(_:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let typedScalars = CodingUserInfoKey.scalarsCarryTheirType.map { decoder.userInfo[$0] as? Bool == true } ?? false
        if container.decodeNil() {
            self = .null
        } else if typedScalars, let value = try? container.decode(String.self) {
            self = .string(value)
        } else if typedScalars, let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if !typedScalars, let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if !typedScalars, let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "value is not valid JSON")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    /// The member `key` of an object, or `nil` for a missing key or a non-object value.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// Follows `path` through nested objects; `nil` as soon as a step is missing.
    public func value(at path: [String]) -> JSONValue? {
        path.reduce(Optional(self)) { current, key in current?[key] }
    }

    /// The string, or `nil` when this is not a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number as `Double` (integers are widened), or `nil` when this is not a number.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The number as `Int64` when it is an integer or a whole double, otherwise `nil`.
    public var intValue: Int64? {
        switch self {
        case .int(let value): return value
        case .double(let value):
            guard value.rounded() == value, let exact = Int64(exactly: value) else { return nil }
            return exact
        default: return nil
        }
    }

    /// The boolean, or `nil` when this is not a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The members, or `nil` when this is not an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements, or `nil` when this is not an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// Converts any `Encodable` value to its JSON form using the Kubernetes date format.
    public init(encoding value: some Encodable) throws {
        let data = try JSONEncoder.kubernetes().encode(value)
        self = try JSONDecoder.kubernetes().decode(JSONValue.self, from: data)
    }

    /// Decodes this JSON into a `Decodable` type using the Kubernetes date format.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        let data = try JSONEncoder.kubernetes().encode(self)
        return try JSONDecoder.kubernetes().decode(T.self, from: data)
    }

    /// Compact JSON text with sorted keys, stable across runs (useful for hashing and logs).
    public func canonicalString() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension CodingUserInfoKey {
    /// Set to `true` in a decoder's `userInfo` when its scalars carry their type, as JSON's do
    /// (`"1.5"` is a string, `1.5` a number), unlike YAML's: ``JSONValue`` then tries strings
    /// first, sparing the thrown errors of three wrong guesses per string.
    /// `JSONDecoder.kubernetes()` sets it.
    public static let scalarsCarryTheirType = CodingUserInfoKey(rawValue: "dev.ballast.scalarsCarryTheirType")
}
