import Foundation
import Logging
import Synchronization

/// Produces one decision per request: from the decision cache, from the first usable LLM
/// provider (validated, with one repair round), or from the rules engine.
///
/// Guarantees:
/// - Never throws and never returns an action outside `context.allowedActions` (plus the
///   non-mutating `escalate`) — every model answer is validated, every failure falls back.
/// - Concurrent identical requests (same ``DecisionCacheKey``) make one provider call; later
///   ones within the TTL are served from the cache with `source: Cache`.
/// - Providers are tried in order; one whose breaker is open or whose heartbeat fails is
///   skipped; when the call or token budget is spent the rules decide.
/// - Confidence is passed on exactly as the model or rule gave it.
public final class DecisionEngine: Sendable {
    struct ProviderState: Sendable {
        var breaker: ProviderCircuitBreaker
        var health = ProviderHealth()
    }

    struct State: Sendable {
        var providers: [ProviderState]
        var budget: CallBudget
        var cache: DecisionCache
    }

    let configuration: DecisionEngineConfiguration
    let validator: DecisionValidator
    let toolbox: Toolbox
    let metrics: DecisionMetrics
    let state: Mutex<State>
    private let inFlight = SingleFlight<DecisionCacheKey, DecisionOutcome>()

    /// Creates an engine.
    public init(configuration: DecisionEngineConfiguration) {
        self.configuration = configuration
        validator = DecisionValidator(catalog: configuration.catalog)
        toolbox = Toolbox(tools: configuration.tools, limits: configuration.toolLimits, redactor: configuration.promptBuilder.redactor)
        metrics = DecisionMetrics(factory: configuration.metrics)
        state = Mutex(State(
            providers: configuration.providers.map { _ in ProviderState(breaker: ProviderCircuitBreaker(configuration: configuration.breaker)) },
            budget: CallBudget(limits: configuration.budget),
            cache: DecisionCache(capacity: configuration.cacheCapacity, ttl: configuration.cacheTTL)))
        for provider in configuration.providers {
            metrics.recordBreakerState(provider: provider.name, .closed)
        }
    }

    /// Decides for `context`. See the type's guarantees.
    public func decide(_ context: DecisionContext) async -> DecisionOutcome {
        let started = ContinuousClock.now
        let key = DecisionCacheKey(context: context)
        if let cached = cachedOutcome(key, started: started) { return cached }
        let (outcome, shared) = await inFlight.run(key) {
            // Checked again: a decision may have been cached between the first look and now.
            if let cached = cachedOutcome(key, started: started) { return cached }
            return await decideUncached(context, key: key, started: started)
        }
        guard shared else { return outcome }
        var copy = outcome
        copy.decision = Self.servedFromCache(outcome.decision, started: started)
        copy.attempts = []
        return copy
    }

    private func cachedOutcome(_ key: DecisionCacheKey, started: ContinuousClock.Instant) -> DecisionOutcome? {
        guard configuration.cacheTTL > .zero else { return nil }
        let now = configuration.now()
        guard let decision = state.withLock({ $0.cache.lookup(key, now: now) }) else { return nil }
        let outcome = DecisionOutcome(decision: Self.servedFromCache(decision, started: started))
        metrics.recordDecision(outcome)
        return outcome
    }

    private static func servedFromCache(_ decision: Decision, started: ContinuousClock.Instant) -> Decision {
        var copy = decision
        copy.source = .cache
        copy.tokens = nil
        copy.latencyMs = (ContinuousClock.now - started).milliseconds
        return copy
    }

    private func decideUncached(_ context: DecisionContext, key: DecisionCacheKey, started: ContinuousClock.Instant) async -> DecisionOutcome {
        var attempts: [ProviderAttempt] = []
        var invalidAnswers = 0
        var fallback: FallbackReason = configuration.providers.isEmpty ? .noProvider : .providersUnavailable
        let prompt = configuration.promptBuilder.build(context, catalog: configuration.catalog)
        providers: for (index, provider) in configuration.providers.enumerated() {
            switch admit(index) {
            case .skip(let reason):
                attempts.append(ProviderAttempt(provider: provider.name, model: provider.model, outcome: reason))
                continue providers
            case .budgetSpent(let refusal):
                fallback = .budgetExhausted(refusal)
                break providers
            case .go:
                break
            }
            let callStarted = ContinuousClock.now
            let result = await consult(provider, prompt: prompt, context: context)
            let latency = ContinuousClock.now - callStarted
            record(result, provider: index, latency: latency)
            attempts.append(ProviderAttempt(provider: provider.name, model: provider.model, outcome: result.code, latency: latency))
            invalidAnswers += result.invalidAnswers
            switch result {
            case .decided(let answer, let usage, let model, _):
                let decision = Decision(
                    action: answer.action, parameters: answer.parameters, confidence: answer.confidence,
                    reasoning: answer.reasoning, source: .llm, model: model ?? provider.model,
                    latencyMs: (ContinuousClock.now - started).milliseconds, tokens: usage, alternatives: answer.alternatives)
                if configuration.cacheTTL > .zero {
                    let now = configuration.now()
                    state.withLock { $0.cache.store(decision, for: key, now: now) }
                }
                return finish(DecisionOutcome(decision: decision, invalidAnswers: invalidAnswers, attempts: attempts))
            case .invalid(let rejection, _, _):
                fallback = .invalidOutput(rejection)
                break providers
            case .toolLimit(let rounds, let calls, _):
                fallback = .toolLimitReached(rounds: rounds, calls: calls)
                break providers
            case .failed:
                continue providers
            }
        }
        let decision = rulesDecision(context, reason: fallback, started: started)
        return finish(DecisionOutcome(decision: decision, fallback: fallback, invalidAnswers: invalidAnswers, attempts: attempts))
    }

    private func finish(_ outcome: DecisionOutcome) -> DecisionOutcome {
        metrics.recordDecision(outcome)
        configuration.logger.debug(
            "decided",
            metadata: ["action": "\(outcome.decision.action)", "source": "\(outcome.decision.source.rawValue)",
                       "fallback": "\(outcome.fallback?.code ?? "none")"])
        return outcome
    }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
