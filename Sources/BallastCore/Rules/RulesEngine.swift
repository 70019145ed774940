import BallastAPI
import Foundation
import KubeTypes

/// What the rules propose for one alert.
public struct RuleDecision: Sendable, Hashable {
    /// The matching rule's name, or ``RulesEngine/fallbackRuleName``.
    public var rule: String
    /// The proposed action.
    public var action: ActionName
    /// Its parameters, templates resolved.
    public var parameters: [String: JSONValue]
    /// How sure the rule is, 0...1.
    public var confidence: Double
    /// Why.
    public var reasoning: String
    /// Other matching rules' actions, most specific first, without duplicates.
    public var alternatives: [AlternativeAction]
}

/// Matches alerts to rules, most specific rule first.
///
/// Guarantees: the result is deterministic (specificity, then file order); a rule only matches
/// targets its action accepts and alerts carrying the labels its templates need; an alert no
/// rule matches gets `collect_diagnostics` with `escalate` as the alternative — never a guessed
/// mutating action.
public struct RulesEngine: Sendable, Hashable {
    /// The name reported when no rule matched.
    public static let fallbackRuleName = "no-matching-rule"
    /// The fallback's confidence: diagnostics are always a sound next step, but they fix nothing.
    public static let fallbackConfidence = 0.5

    /// The rules, in file order.
    public let rules: [Rule]

    /// An engine over `rules` (assumed valid; see ``load(yaml:)`` for validation).
    public init(rules: [Rule]) { self.rules = rules }

    /// The built-in rules (``DefaultRules/yaml``). They are validated by a unit test, so the
    /// empty fallback below is never expected; if it happened, every alert would get the
    /// safe `collect_diagnostics` fallback rather than a crash.
    public static let builtIn: RulesEngine = (try? load(yaml: DefaultRules.yaml)) ?? RulesEngine(rules: [])

    /// Every rule that matches `situation`, most specific first (ties in file order), with its
    /// resolved parameters.
    public func matches(_ situation: AlertSituation) -> [(rule: Rule, parameters: [String: JSONValue])] {
        let candidates = rules.enumerated().compactMap { index, rule -> (Int, Rule, [String: JSONValue])? in
            guard rule.match.matches(situation),
                ActionCatalog.spec(for: rule.action).accepts(kind: situation.targetKind),
                let parameters = rule.resolvedParameters(labels: situation.labels)
            else { return nil }
            return (index, rule, parameters)
        }
        return candidates.sorted { lhs, rhs in
            let (a, b) = (lhs.1.match.specificity, rhs.1.match.specificity)
            return a != b ? a.lexicographicallyPrecedes(b, by: >) : lhs.0 < rhs.0
        }.map { ($0.1, $0.2) }
    }

    /// The decision for `situation`.
    public func decide(_ situation: AlertSituation) -> RuleDecision {
        let found = matches(situation)
        guard let best = found.first else {
            return RuleDecision(
                rule: Self.fallbackRuleName, action: .collectDiagnostics, parameters: [:],
                confidence: Self.fallbackConfidence,
                reasoning: "no rule matches alert \(situation.alertName) on a \(situation.targetKind); collecting diagnostics for a person instead of guessing",
                alternatives: [AlternativeAction(action: .escalate, confidence: Self.fallbackConfidence)])
        }
        var seen: Set<ActionName> = [best.rule.action]
        let alternatives = found.dropFirst().compactMap { candidate -> AlternativeAction? in
            guard seen.insert(candidate.rule.action).inserted else { return nil }
            return AlternativeAction(action: candidate.rule.action, confidence: candidate.rule.confidence)
        }
        return RuleDecision(
            rule: best.rule.name, action: best.rule.action, parameters: best.parameters,
            confidence: best.rule.confidence, reasoning: best.rule.reasoning, alternatives: alternatives)
    }
}
