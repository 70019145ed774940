import BallastAPI
import Foundation

extension DecisionEngine {
    /// Whether provider `index` may be called now.
    enum Admission {
        case go
        case skip(String)
        case budgetSpent(CallBudget.Refusal)
    }

    /// Checks health, breaker and budget for provider `index`, taking a breaker trial slot and
    /// one call from the budget when admitted.
    func admit(_ index: Int) -> Admission {
        let now = configuration.now()
        let (admission, change) = state.withLock { state -> (Admission, CircuitState?) in
            guard state.providers[index].health.isHealthy else { return (.skip("skipped_unhealthy"), nil) }
            guard state.providers[index].breaker.isAvailable(now: now) else { return (.skip("skipped_open"), nil) }
            if let refusal = state.budget.acquireCall(now: now) { return (.budgetSpent(refusal), nil) }
            let change = Self.breakerChange(of: &state.providers[index].breaker) { _ = $0.acquire(now: now) }
            return (.go, change)
        }
        reportBreaker(change, provider: index)
        return admission
    }

    /// Applies `transition` to `breaker`; returns the new coarse state when it differs from the old.
    static func breakerChange(
        of breaker: inout ProviderCircuitBreaker, _ transition: (inout ProviderCircuitBreaker) -> Void
    ) -> CircuitState? {
        let before = breaker.state.circuitState
        transition(&breaker)
        let after = breaker.state.circuitState
        return after == before ? nil : after
    }

    /// Exports a breaker state change of provider `index` (outside the state lock).
    func reportBreaker(_ change: CircuitState?, provider index: Int) {
        guard let change else { return }
        metrics.recordBreakerState(provider: configuration.providers[index].name, change)
    }

    /// Updates breaker, budget and metrics after consulting provider `index`. An invalid
    /// answer counts as a working provider (the breaker guards availability, not quality); a
    /// call that failed because the caller was cancelled counts as neither.
    func record(_ result: ConsultResult, provider index: Int, latency: Duration) {
        let now = configuration.now()
        let provider = configuration.providers[index]
        let cancelled = Task.isCancelled
        let change = state.withLock { state -> CircuitState? in
            state.budget.recordTokens(Int(result.usage.total), now: now)
            return Self.breakerChange(of: &state.providers[index].breaker) { breaker in
                if case .failed = result {
                    if cancelled {
                        breaker.abandon()
                    } else {
                        breaker.recordFailure(now: now)
                    }
                } else {
                    breaker.recordSuccess()
                }
            }
        }
        reportBreaker(change, provider: index)
        metrics.recordCall(provider: provider.name, model: provider.model, outcome: result.code, latency: latency, tokens: result.usage)
    }

    /// The current breaker state of each provider, in configuration order (for status and tests).
    public func breakerStates() -> [ProviderCircuitBreaker.State] {
        state.withLock { $0.providers.map(\.breaker.state) }
    }

    /// Whether each provider is healthy per the heartbeat, in configuration order.
    public func providerHealth() -> [Bool] {
        state.withLock { $0.providers.map(\.health.isHealthy) }
    }

    /// Probes every provider once, concurrently, and records the results.
    public func probeProviders() async {
        let results = await withTaskGroup(of: (Int, Bool).self) { group in
            for (index, provider) in configuration.providers.enumerated() {
                group.addTask {
                    do {
                        try await provider.probe()
                        return (index, true)
                    } catch {
                        return (index, false)
                    }
                }
            }
            var results: [(Int, Bool)] = []
            for await result in group { results.append(result) }
            return results
        }
        state.withLock { state in
            for (index, succeeded) in results { state.providers[index].health.record(probeSucceeded: succeeded) }
        }
    }

    /// Probes the providers every `interval` until the calling task is cancelled (run it as a
    /// child of the operator's service group).
    public func runHeartbeat(every interval: Duration = .seconds(30)) async {
        while !Task.isCancelled {
            await probeProviders()
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}
