import Foundation
import Testing
@testable import BallastDecision

@Suite struct CircuitBreakerTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func opensAfterThresholdThenHalfOpensAndCloses() {
        var breaker = ProviderCircuitBreaker(configuration: .init(failureThreshold: 3, openDuration: .seconds(30), halfOpenTrials: 1))
        for _ in 0..<2 {
            let result1 = breaker.acquire(now: t0)
            #expect(result1)
            breaker.recordFailure(now: t0)
        }
        #expect(breaker.state == .closed(failures: 2))
        let result2 = breaker.acquire(now: t0)
        #expect(result2)
        breaker.recordFailure(now: t0)
        #expect(breaker.state == .open(until: t0.addingTimeInterval(30)))
        let result3 = breaker.acquire(now: t0.addingTimeInterval(29))
        #expect(!result3)
        let result4 = breaker.acquire(now: t0.addingTimeInterval(30))
        #expect(result4)
        #expect(breaker.state == .halfOpen(inFlight: 1))
        let result5 = breaker.acquire(now: t0.addingTimeInterval(31))
        #expect(!result5, "only one trial at a time")
        breaker.recordSuccess()
        #expect(breaker.state == .closed(failures: 0))
    }

    @Test func aFailedTrialReopens() {
        var breaker = ProviderCircuitBreaker(configuration: .init(failureThreshold: 1, openDuration: .seconds(10)))
        breaker.recordFailure(now: t0)
        let result6 = breaker.acquire(now: t0.addingTimeInterval(10))
        #expect(result6)
        breaker.recordFailure(now: t0.addingTimeInterval(11))
        #expect(breaker.state == .open(until: t0.addingTimeInterval(21)))
        #expect(!breaker.isAvailable(now: t0.addingTimeInterval(20)))
    }

    @Test func successResetsTheFailureCount() {
        var breaker = ProviderCircuitBreaker(configuration: .init(failureThreshold: 2))
        breaker.recordFailure(now: t0)
        breaker.recordSuccess()
        breaker.recordFailure(now: t0)
        #expect(breaker.state == .closed(failures: 1))
    }
}

@Suite struct ProviderHealthTests {
    @Test func threeFailuresMakeUnhealthyTwoSuccessesHeal() {
        var health = ProviderHealth()
        health.record(probeSucceeded: false)
        health.record(probeSucceeded: false)
        #expect(health.isHealthy)
        health.record(probeSucceeded: false)
        #expect(!health.isHealthy)
        health.record(probeSucceeded: true)
        #expect(!health.isHealthy)
        health.record(probeSucceeded: true)
        #expect(health.isHealthy)
    }
}

@Suite struct CallBudgetTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func callsPerMinuteSlide() {
        var budget = CallBudget(limits: .init(callsPerMinute: 2, tokensPerDay: nil))
        let result7 = budget.acquireCall(now: t0)
        #expect(result7 == nil)
        let result8 = budget.acquireCall(now: t0.addingTimeInterval(10))
        #expect(result8 == nil)
        let result9 = budget.acquireCall(now: t0.addingTimeInterval(20))
        #expect(result9 == .callsPerMinute(limit: 2, until: t0.addingTimeInterval(60)))
        let result10 = budget.acquireCall(now: t0.addingTimeInterval(60))
        #expect(result10 == nil)
    }

    @Test func tokensPerDayResetAtUTCMidnight() {
        var budget = CallBudget(limits: .init(callsPerMinute: nil, tokensPerDay: 1000))
        let result11 = budget.acquireCall(now: t0)
        #expect(result11 == nil)
        budget.recordTokens(1200, now: t0)
        let result12 = budget.acquireCall(now: t0)
        #expect(result12 == .tokensPerDay(limit: 1000, used: 1200))
        let nextDay = Date(timeIntervalSince1970: (t0.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400 + 86_400)
        let result13 = budget.acquireCall(now: nextDay)
        #expect(result13 == nil)
        #expect(budget.tokensToday == 0)
    }
}

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(100), maximumDelay: .seconds(1))

    @Test func backsOffExponentiallyWithinTheCap() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil) == .milliseconds(400))
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil) == nil)
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, jitter: 0.5) == .milliseconds(105))
    }

    @Test func honoursRetryAfterOnlyWithinTheCap() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: .milliseconds(700)) == .milliseconds(700))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(30)) == nil)
    }

    @Test func parsesRetryAfterSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 784_111_777)
        #expect(RetryPolicy.parseRetryAfter("2", now: now) == .seconds(2))
        #expect(RetryPolicy.parseRetryAfter("Sun, 06 Nov 1994 08:49:47 GMT", now: now) == .seconds(10))
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
    }
}

@Suite struct DecisionCacheTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let decision = Decision(action: "restart_deployment", confidence: 0.7, reasoning: "r", source: .llm)

    func key(_ alert: String) -> DecisionCacheKey { DecisionCacheKey(alert: alert, target: "Deployment shop/web", stateHash: "0") }

    @Test func expiresAfterTTL() {
        var cache = DecisionCache(capacity: 4, ttl: .seconds(900))
        cache.store(decision, for: key("a"), now: t0)
        let result14 = cache.lookup(key("a"), now: t0.addingTimeInterval(899))
        #expect(result14 == decision)
        let result15 = cache.lookup(key("a"), now: t0.addingTimeInterval(900))
        #expect(result15 == nil)
        #expect(cache.count == 0)
    }

    @Test func evictsLeastRecentlyUsedAtCapacity() {
        var cache = DecisionCache(capacity: 2, ttl: .seconds(900))
        cache.store(decision, for: key("a"), now: t0)
        cache.store(decision, for: key("b"), now: t0)
        _ = cache.lookup(key("a"), now: t0)
        cache.store(decision, for: key("c"), now: t0)
        #expect(cache.count == 2)
        let result16 = cache.lookup(key("b"), now: t0)
        #expect(result16 == nil)
        let result17 = cache.lookup(key("a"), now: t0)
        #expect(result17 != nil)
        let result18 = cache.lookup(key("c"), now: t0)
        #expect(result18 != nil)
    }

    @Test func keyIgnoresVolatileDetailsButNotMeaningfulChanges() {
        let base = Fixtures.context()
        var noisier = base
        noisier.target.containers[0].restartCount = 9
        noisier.target.events.append(EventSummary(reason: "BackOff", message: "again", count: 7))
        #expect(DecisionCacheKey(context: base) == DecisionCacheKey(context: noisier))
        var changed = base
        changed.target.containers[0].limits["memory"] = "768Mi"
        #expect(DecisionCacheKey(context: base) != DecisionCacheKey(context: changed))
        var narrower = base
        narrower.allowedActions.removeFirst()
        #expect(DecisionCacheKey(context: base) != DecisionCacheKey(context: narrower))
    }
}
