import BallastAPI
import Foundation
import KubeTypes

/// One declarative remediation rule: when an alert matches, propose an action.
///
/// A rule's `confidence` states how sure its author is that the action fixes the alert's usual
/// cause (not how safe it is); the policy check turns low confidence into an approval request.
public struct Rule: Codable, Sendable, Hashable {
    /// Unique name, used in reasoning and errors.
    public var name: String
    /// Conditions that must all hold.
    public var match: RuleMatch
    /// The proposed action.
    public var action: ActionName
    /// Its parameters. A string value of the exact form `{{labels.NAME}}` is replaced by the
    /// alert's label `NAME`; a rule whose template label is missing does not match.
    public var parameters: [String: JSONValue]?
    /// 0...1.
    public var confidence: Double
    /// Why the action fits; shown to people.
    public var reasoning: String

    /// Creates a rule.
    public init(
        name: String, match: RuleMatch, action: ActionName, parameters: [String: JSONValue]? = nil,
        confidence: Double, reasoning: String
    ) {
        self.name = name
        self.match = match
        self.action = action
        self.parameters = parameters
        self.confidence = confidence
        self.reasoning = reasoning
    }

    /// The label names the rule's parameter templates read.
    public var templateLabels: [String] {
        (parameters ?? [:]).values.compactMap(Self.templateLabel).sorted()
    }

    /// `NAME` when `value` is the string `{{labels.NAME}}`.
    static func templateLabel(_ value: JSONValue) -> String? {
        guard let text = value.stringValue?.trimmingCharacters(in: .whitespaces),
            text.hasPrefix("{{"), text.hasSuffix("}}")
        else { return nil }
        let inner = text.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
        guard inner.hasPrefix("labels."), inner.count > "labels.".count else { return nil }
        return String(inner.dropFirst("labels.".count))
    }

    /// The parameters with templates filled from `labels`, or `nil` when a label is missing.
    func resolvedParameters(labels: [String: String]) -> [String: JSONValue]? {
        var resolved: [String: JSONValue] = [:]
        for (key, value) in parameters ?? [:] {
            guard let label = Self.templateLabel(value) else {
                resolved[key] = value
                continue
            }
            guard let text = labels[label], !text.isEmpty else { return nil }
            resolved[key] = .string(text)
        }
        return resolved
    }
}

/// The conditions of a ``Rule``; absent fields match anything.
public struct RuleMatch: Codable, Sendable, Hashable {
    /// Alert names (`alertname`), any of which matches.
    public var alertNames: [String]?
    /// Severities, any of which matches.
    public var severities: [AlertSeverity]?
    /// Target kinds, any of which matches.
    public var targetKinds: [String]?
    /// Labels the alert must carry with exactly these values.
    public var labels: [String: String]?

    /// Creates a match.
    public init(
        alertNames: [String]? = nil, severities: [AlertSeverity]? = nil, targetKinds: [String]? = nil,
        labels: [String: String]? = nil
    ) {
        self.alertNames = alertNames
        self.severities = severities
        self.targetKinds = targetKinds
        self.labels = labels
    }

    /// Whether `situation` satisfies every condition.
    public func matches(_ situation: AlertSituation) -> Bool {
        if let alertNames, !alertNames.contains(situation.alertName) { return false }
        if let severities, !severities.contains(where: { $0 == situation.severity }) { return false }
        if let targetKinds, !targetKinds.contains(situation.targetKind) { return false }
        return (labels ?? [:]).allSatisfy { situation.labels[$0.key] == $0.value }
    }

    /// How specific the match is, compared lexicographically: alert names given, then the number
    /// of label conditions, then target kinds given, then severities given.
    public var specificity: [Int] {
        [alertNames == nil ? 0 : 1, labels?.count ?? 0, targetKinds == nil ? 0 : 1, severities == nil ? 0 : 1]
    }
}

/// What a rule is matched against.
public struct AlertSituation: Sendable, Hashable {
    /// `alertname`.
    public var alertName: String
    /// The alert's severity, when known.
    public var severity: AlertSeverity?
    /// The alert's labels.
    public var labels: [String: String]
    /// The resolved target's kind.
    public var targetKind: String

    /// Creates a situation.
    public init(alertName: String, severity: AlertSeverity? = nil, labels: [String: String] = [:], targetKind: String) {
        self.alertName = alertName
        self.severity = severity
        self.labels = labels
        self.targetKind = targetKind
    }
}
