import BallastAPI
import KubeTypes

/// The type and range of one action parameter.
public enum ParameterType: Sendable, Hashable {
    /// A whole number in the closed range.
    case integer(ClosedRange<Int64>)
    /// A number in the closed range.
    case number(ClosedRange<Double>)
    /// A non-empty string, at most `maxLength` characters.
    case string(maxLength: Int)
    /// One of the listed strings.
    case oneOf([String])
    /// A Kubernetes quantity (`512Mi`, `250m`) greater than zero.
    case quantity
    /// `true` or `false` (a JSON boolean; the strings "true"/"false" are not accepted).
    case boolean

    /// A short description for error messages and prompts (`integer 0...1000`).
    public var description: String {
        switch self {
        case .integer(let range): return "integer \(range.lowerBound)...\(range.upperBound)"
        case .number(let range): return "number \(range.lowerBound)...\(range.upperBound)"
        case .string(let maxLength): return "string of at most \(maxLength) characters"
        case .oneOf(let values): return "one of \(values.joined(separator: ", "))"
        case .quantity: return "quantity such as 512Mi or 250m"
        case .boolean: return "boolean (true or false)"
        }
    }
}

/// One parameter an action accepts.
public struct ParameterSpec: Sendable, Hashable {
    /// The key in `parameters`.
    public var name: String
    /// Type and range.
    public var type: ParameterType
    /// Whether it must be present.
    public var required: Bool
    /// What it means.
    public var summary: String

    /// Creates a parameter spec.
    public init(_ name: String, _ type: ParameterType, required: Bool = false, summary: String) {
        self.name = name
        self.type = type
        self.required = required
        self.summary = summary
    }
}

/// What a policy limit bounds.
public enum LimitKind: Sendable, Hashable {
    /// Each listed parameter, when present, must be at most the limit.
    case maximum(parameters: [String])
    /// Each listed parameter, when present, must be at least the limit.
    case minimum(parameters: [String])
    /// `|parameter − observed value| ≤ limit`; needs the observed value (`observedKey`).
    case maxStep(parameter: String, observedKey: String)
    /// The action may affect at most this many objects (checked by the executor, e.g. pods evicted).
    case maxObjects
}

/// One limit a SafetyPolicy may set on an action (`spec.actions[].limits.<name>`).
public struct LimitSpec: Sendable, Hashable {
    /// The key in `limits`.
    public var name: String
    /// The limit's own type (the policy value is validated against it).
    public var type: ParameterType
    /// What it bounds.
    public var kind: LimitKind

    /// Creates a limit spec.
    public init(_ name: String, _ type: ParameterType, _ kind: LimitKind) {
        self.name = name
        self.type = type
        self.kind = kind
    }
}
