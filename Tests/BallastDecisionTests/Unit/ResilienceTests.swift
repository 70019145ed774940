import Foundation
import Testing
@testable import BallastDecision

@Suite struct ProviderCircuitBreakerTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func opensAfterThresholdThenHalfOpensAndCloses() {
        var breaker = ProviderCircuitBreaker(configuration: .init(failureThreshold: 3, openDuration: .seconds(30), halfOpenTrials: 1))
        for _ in 0..<2 {
            let closedGrant = breaker.acquire(now: t0)
            #expect(closedGrant)
            breaker.recordFailure(now: t0)
        }
        #expect(breaker.state == .closed(failures: 2))
        let thirdGrant = breaker.acquire(now: t0)
        #expect(thirdGrant)
        breaker.recordFailure(now: t0)
        #expect(breaker.state == .open(until: t0.addingTimeInterval(30)))
        let grantWhileOpen = breaker.acquire(now: t0.addingTimeInterval(29))
        #expect(!grantWhileOpen)
        let trialGrant = breaker.acquire(now: t0.addingTimeInterval(30))
        #expect(trialGrant)
        #expect(breaker.state == .halfOpen(inFlight: 1))
        let secondTrialGrant = breaker.acquire(now: t0.addingTimeInterval(31))
        #expect(!secondTrialGrant, "only one trial at a time")
        breaker.recordSuccess()
        #expect(breaker.state == .closed(failures: 0))
    }

    @Test func aFailedTrialReopens() {
        var breaker = ProviderCircuitBreaker(configuration: .init(failureThreshold: 1, openDuration: .seconds(10)))
        breaker.recordFailure(now: t0)
        let trialGrant = breaker.acquire(now: t0.addingTimeInterval(10))
        #expect(trialGrant)
        breaker.recordFailure(now: t0.addingTimeInterval(11))
        #expect(breaker.state == .open(until: t0.addingTimeInterval(21)))
        #expect(!breaker.isAvailable(now: t0.addingTimeInterval(20)))
    }

    @Test func anAbandonedTrialFreesItsSlot() {
        var breaker = ProviderCircuitBreaker(configuration: .init(failureThreshold: 1, openDuration: .seconds(10)))
        breaker.recordFailure(now: t0)
        let trial = breaker.acquire(now: t0.addingTimeInterval(10))
        #expect(trial)
        breaker.abandon()
        #expect(breaker.state == .halfOpen(inFlight: 0))
        let retrial = breaker.acquire(now: t0.addingTimeInterval(11))
        #expect(retrial)
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
        let first = budget.acquireCall(now: t0)
        #expect(first == nil)
        let second = budget.acquireCall(now: t0.addingTimeInterval(10))
        #expect(second == nil)
        let third = budget.acquireCall(now: t0.addingTimeInterval(20))
        #expect(third == .callsPerMinute(limit: 2, until: t0.addingTimeInterval(60)))
        let afterWindow = budget.acquireCall(now: t0.addingTimeInterval(60))
        #expect(afterWindow == nil)
    }

    @Test func tokensPerDayResetAtUTCMidnight() {
        var budget = CallBudget(limits: .init(callsPerMinute: nil, tokensPerDay: 1000))
        let first = budget.acquireCall(now: t0)
        #expect(first == nil)
        budget.recordTokens(1200, now: t0)
        let overBudget = budget.acquireCall(now: t0)
        #expect(overBudget == .tokensPerDay(limit: 1000, used: 1200))
        let nextDay = Date(timeIntervalSince1970: (t0.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400 + 86_400)
        let nextDayRefusal = budget.acquireCall(now: nextDay)
        #expect(nextDayRefusal == nil)
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
        let beforeExpiry = cache.lookup(key("a"), now: t0.addingTimeInterval(899))
        #expect(beforeExpiry == decision)
        let atExpiry = cache.lookup(key("a"), now: t0.addingTimeInterval(900))
        #expect(atExpiry == nil)
        #expect(cache.count == 0)
    }

    @Test func evictsLeastRecentlyUsedAtCapacity() {
        var cache = DecisionCache(capacity: 2, ttl: .seconds(900))
        cache.store(decision, for: key("a"), now: t0)
        cache.store(decision, for: key("b"), now: t0)
        _ = cache.lookup(key("a"), now: t0)
        cache.store(decision, for: key("c"), now: t0)
        #expect(cache.count == 2)
        let evicted = cache.lookup(key("b"), now: t0)
        #expect(evicted == nil)
        let recentlyUsed = cache.lookup(key("a"), now: t0)
        #expect(recentlyUsed != nil)
        let newest = cache.lookup(key("c"), now: t0)
        #expect(newest != nil)
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
