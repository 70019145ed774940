import Foundation

/// `metav1.LabelSelector`: `matchLabels` and `matchExpressions`, all of which must hold.
///
/// An empty selector matches everything, as in Kubernetes.
public struct LabelSelector: Codable, Sendable, Hashable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Whether this selector has no requirement at all (and so matches every object).
    public var isEmpty: Bool {
        (matchLabels?.isEmpty ?? true) && (matchExpressions?.isEmpty ?? true)
    }

    /// Whether `labels` satisfy every requirement of this selector.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels ?? [:] where labels[key] != value {
            return false
        }
        return (matchExpressions ?? []).allSatisfy { $0.matches(labels) }
    }

    /// Problems that make this selector invalid (an unknown operator, `In` without values,
    /// `Exists` with values), each naming the offending field under `path`. Empty when valid.
    public func validationErrors(path: String) -> [String] {
        (matchExpressions ?? []).enumerated().flatMap { index, requirement in
            requirement.validationErrors(path: "\(path).matchExpressions[\(index)]")
        }
    }

    /// The selector in the `labelSelector` query-parameter syntax (`a=b,c in (d,e),!f`).
    public var queryString: String {
        var parts = (matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for requirement in matchExpressions ?? [] {
            let values = (requirement.values ?? []).sorted().joined(separator: ",")
            switch requirement.operator {
            case .in: parts.append("\(requirement.key) in (\(values))")
            case .notIn: parts.append("\(requirement.key) notin (\(values))")
            case .exists: parts.append(requirement.key)
            case .doesNotExist: parts.append("!\(requirement.key)")
            }
        }
        return parts.joined(separator: ",")
    }
}

/// One `matchExpressions` entry of a ``LabelSelector``.
public struct LabelSelectorRequirement: Codable, Sendable, Hashable {
    /// The set-based operators Kubernetes defines.
    public enum Operator: String, Codable, Sendable, Hashable, CaseIterable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
    }

    public var key: String
    public var `operator`: Operator
    public var values: [String]?

    public init(key: String, operator: Operator, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// Whether `labels` satisfy this requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        let value = labels[key]
        switch `operator` {
        case .in: return value.map { (values ?? []).contains($0) } ?? false
        case .notIn: return value.map { !(values ?? []).contains($0) } ?? true
        case .exists: return value != nil
        case .doesNotExist: return value == nil
        }
    }

    /// Problems with this requirement, each naming the field under `path`.
    public func validationErrors(path: String) -> [String] {
        var errors: [String] = []
        if key.isEmpty { errors.append("\(path).key: must not be empty") }
        switch `operator` {
        case .in, .notIn:
            if (values ?? []).isEmpty {
                errors.append("\(path).values: must be non-empty for operator \(`operator`.rawValue)")
            }
        case .exists, .doesNotExist:
            if !(values ?? []).isEmpty {
                errors.append("\(path).values: must be empty for operator \(`operator`.rawValue)")
            }
        }
        return errors
    }
}
