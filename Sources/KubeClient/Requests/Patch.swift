import Foundation
import KubeTypes

/// A patch and the patch strategy the API server should apply it with.
public enum Patch: Sendable, Hashable {
    /// RFC 7386 JSON merge patch: objects merge, `null` deletes, arrays are replaced.
    case merge(JSONValue)
    /// RFC 6902 JSON patch: an ordered list of operations; `test` makes it conditional.
    case json([JSONPatchOperation])
    /// Strategic merge patch (built-in types only: custom resources answer 415): lists merge
    /// by their patch merge key, e.g. containers by `name`.
    case strategicMerge(JSONValue)
    /// Server-side apply of a partial object owned by `fieldManager`; `force` takes over
    /// fields owned by other managers instead of failing with a 409 conflict.
    case apply(JSONValue, fieldManager: String, force: Bool)

    /// The `Content-Type` that selects the strategy.
    public var contentType: String {
        switch self {
        case .merge: return "application/merge-patch+json"
        case .json: return "application/json-patch+json"
        case .strategicMerge: return "application/strategic-merge-patch+json"
        case .apply: return "application/apply-patch+yaml"
        }
    }
}

/// One RFC 6902 operation.
public struct JSONPatchOperation: Sendable, Hashable, Codable {
    /// The operation kinds RFC 6902 defines.
    public enum Operation: String, Sendable, Hashable, Codable {
        case add, remove, replace, move, copy, test
    }

    public var op: Operation
    /// A JSON pointer, e.g. `/spec/replicas` or `/metadata/labels/app~1name`.
    public var path: String
    public var value: JSONValue?
    /// The source pointer of `move` and `copy`.
    public var from: String?

    /// Creates an operation; `value` is required by add/replace/test, `from` by move/copy.
    public init(op: Operation, path: String, value: JSONValue? = nil, from: String? = nil) {
        self.op = op
        self.path = path
        self.value = value
        self.from = from
    }

    /// Escapes a key for use in a JSON pointer (`~` → `~0`, `/` → `~1`).
    public static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
