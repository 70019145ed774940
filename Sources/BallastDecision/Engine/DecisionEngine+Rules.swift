extension DecisionEngine {
    /// Actions that never mutate the cluster and so are always acceptable as a fallback.
    static let nonMutatingActions: Set<String> = ["escalate", "notify_only"]

    /// The rules engine's decision (`source: Rules`) with its own confidence, unchanged. A rule
    /// that names an action this request may not use becomes `escalate` with confidence 0.
    func rulesDecision(_ context: DecisionContext, reason: FallbackReason, started: ContinuousClock.Instant) -> Decision {
        let verdict = configuration.rules.decide(context)
        let note = reason == .noProvider ? "" : " (rules decided because \(reason))"
        guard context.allowedAction(named: verdict.action) != nil || Self.nonMutatingActions.contains(verdict.action) else {
            return Decision(
                action: "escalate", confidence: 0,
                reasoning: "rules chose \(verdict.action), which this request does not allow; a person must decide\(note)",
                source: .rules, latencyMs: (ContinuousClock.now - started).milliseconds)
        }
        return Decision(
            action: verdict.action, parameters: verdict.parameters, confidence: verdict.confidence,
            reasoning: verdict.reasoning + note, source: .rules, latencyMs: (ContinuousClock.now - started).milliseconds)
    }
}
