import BallastAPI
import BallastCore
import KubeTypes

/// BallastCore's ``RulesEngine`` seen through the ``RulesDecider`` seam.
///
/// It only ever answers with an action the request allows: the best matching rule whose
/// action is allowed wins; when none is, the engine's own no-match answer is used if allowed,
/// otherwise `escalate`. A High or Critical pattern in the target's history (oscillation,
/// thrashing, ineffective loop, cascading failure, flapping) makes it stop and escalate
/// instead of adding another action to the pattern.
public struct CoreRulesDecider: RulesDecider {
    /// The rules (the built-in set by default).
    public var engine: RulesEngine

    /// Creates the adapter.
    public init(engine: RulesEngine = .builtIn) {
        self.engine = engine
    }

    /// Severities of a detected pattern that stop the rules.
    static let stoppingSeverities: Set<String> = ["High", "Critical"]

    /// Decides for `context` (see the type's guarantees).
    public func decide(_ context: DecisionContext) -> RulesVerdict {
        if let pattern = context.history.patterns.first(where: { Self.stoppingSeverities.contains($0.severity) }) {
            return RulesVerdict(
                action: ActionName.escalate.rawValue, parameters: ["reason": .string("\(pattern.type) detected: \(pattern.message)")],
                confidence: 0.9,
                reasoning: "the target's history shows \(pattern.type) (\(pattern.severity)); another automatic action would feed it")
        }
        var labels = context.alert.labels
        labels["alertname"] = context.alert.name
        let situation = AlertSituation(
            alertName: context.alert.name, severity: context.alert.severity.flatMap(AlertSeverity.init(rawValue:)),
            labels: labels, targetKind: context.target.kind)
        if let match = engine.matches(situation).first(where: { context.allowedAction(named: $0.rule.action.rawValue) != nil }) {
            return RulesVerdict(
                action: match.rule.action.rawValue, parameters: match.parameters, confidence: match.rule.confidence,
                reasoning: "rule \(match.rule.name): \(match.rule.reasoning)")
        }
        let fallback = engine.decide(situation)
        if context.allowedAction(named: fallback.action.rawValue) != nil {
            return RulesVerdict(
                action: fallback.action.rawValue, parameters: fallback.parameters, confidence: fallback.confidence,
                reasoning: "rule \(fallback.rule): \(fallback.reasoning)")
        }
        return RulesVerdict(
            action: ActionName.escalate.rawValue, confidence: RulesEngine.fallbackConfidence,
            reasoning: "no rule with an allowed action matches alert \(context.alert.name) on a \(context.target.kind); a person must decide")
    }
}
