import KubeTypes

extension JSONValue {
    /// The same value with `null` members removed and whole doubles written as integers, so that
    /// two encodings of the same object compare equal (`null` and absent mean the same thing in
    /// Kubernetes, and `2.0` and `2` are the same JSON number).
    var normalized: JSONValue {
        switch self {
        case .double(let value):
            return Int64(exactly: value).map(JSONValue.int) ?? self
        case .array(let elements):
            return .array(elements.map(\.normalized))
        case .object(let members):
            return .object(members.filter { $0.value != .null }.mapValues(\.normalized))
        default:
            return self
        }
    }

    /// Paths (`spec.alert.name`, `status.entries[1].state`) where `self` and `other` differ
    /// after normalisation, each with both values; empty when they are equal.
    func differences(from other: JSONValue, path: String = "") -> [String] {
        switch (normalized, other.normalized) {
        case (.object(let left), .object(let right)):
            return Set(left.keys).union(right.keys).sorted().flatMap { key in
                let child = path.isEmpty ? key : "\(path).\(key)"
                return (left[key] ?? .null).differences(from: right[key] ?? .null, path: child)
            }
        case (.array(let left), .array(let right)) where left.count == right.count:
            return zip(left, right).enumerated().flatMap { index, pair in
                pair.0.differences(from: pair.1, path: "\(path)[\(index)]")
            }
        case (let left, let right):
            return left == right ? [] : ["\(path): \(left.canonicalString()) vs \(right.canonicalString())"]
        }
    }

    /// A copy with `value` stored at `path` (intermediate objects are created as needed).
    func setting(_ path: [String], to value: JSONValue) -> JSONValue {
        guard let key = path.first else { return value }
        var members = objectValue ?? [:]
        members[key] = (members[key] ?? .object([:])).setting(Array(path.dropFirst()), to: value)
        return .object(members)
    }

    /// A copy without the member `key` (unchanged when this is not an object).
    func removing(_ key: String) -> JSONValue {
        guard var members = objectValue else { return self }
        members[key] = nil
        return .object(members)
    }
}
