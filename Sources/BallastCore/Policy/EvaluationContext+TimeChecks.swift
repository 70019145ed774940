import BallastAPI
import Foundation
import KubeTypes

extension EvaluationContext {
    /// Cooling-off, rate limit, concurrency and circuit breaker: all computed from recorded
    /// timestamps and counts, never from timers.
    func timeReasons(_ policy: EffectivePolicy) -> [VerdictReason] {
        [coolingOff(policy), rateLimit(policy), concurrency(policy), circuit(policy)].compactMap { $0 }
    }

    /// Denied until `last same action + sameAction` and `last any action + anyAction`, whichever
    /// is later.
    private func coolingOff(_ policy: EffectivePolicy) -> VerdictReason? {
        let windows: [(Date?, String, GoDuration, String)] = [
            (lastSameAction, lastSameText, policy.sameActionCoolOff, "\(proposal.action.rawValue) ran on this target"),
            (lastAnyAction, lastAnyText, policy.anyActionCoolOff, "an action ran on this target"),
        ]
        let active = windows.compactMap { last, text, length, what -> (Date, String)? in
            guard let last else { return nil }
            let until = last.addingTimeInterval(length.timeInterval)
            guard now < until else { return nil }
            return (until, "\(what) at \(text); cooling off for \(length)")
        }
        guard let latest = active.max(by: { $0.0 < $1.0 }) else { return nil }
        return deny(.coolingOff, policy.name, latest.1, until: latest.0)
    }

    /// At most `maxActions` executed actions in any trailing `per`; when full, denied until
    /// enough of the oldest have left the window.
    private func rateLimit(_ policy: EffectivePolicy) -> VerdictReason? {
        let limit = policy.rateLimit
        guard let counts = cluster.counts[policy.name] else {
            return deny(.rateLimited, policy.name, "no action counts for this policy's scope; failing closed")
        }
        let start = now.addingTimeInterval(-limit.per.timeInterval)
        let inWindow = counts.executedAt.filter { $0 > start && $0 <= now }.sorted()
        guard inWindow.count >= limit.maxActions else { return nil }
        let expiring = inWindow.count - limit.maxActions
        let until = inWindow.indices.contains(expiring)
            ? inWindow[expiring].addingTimeInterval(limit.per.timeInterval) : nil
        return deny(
            .rateLimited, policy.name,
            "\(inWindow.count) actions executed in the last \(limit.per); rateLimit allows \(limit.maxActions)",
            until: until)
    }

    /// At most `maxConcurrent` remediations executing in scope (not time-bound).
    private func concurrency(_ policy: EffectivePolicy) -> VerdictReason? {
        guard let counts = cluster.counts[policy.name] else {
            return deny(.maxConcurrent, policy.name, "no executing count for this policy's scope; failing closed")
        }
        guard counts.executing >= policy.maxConcurrent else { return nil }
        return deny(
            .maxConcurrent, policy.name,
            "\(counts.executing) remediations executing; maxConcurrent is \(policy.maxConcurrent)")
    }

    /// Denied while the action type's breaker is open, and while it is half-open with its one
    /// trial in flight (not time-bound: the trial's outcome decides).
    private func circuit(_ policy: EffectivePolicy) -> VerdictReason? {
        let run = failureRun
        let breaker = CircuitBreaker.state(of: run, settings: policy.circuitBreaker, now: now)
        if breaker.state == .halfOpen, run.trialInFlight(openFor: policy.circuitBreaker.openFor, now: now) {
            return deny(
                .circuitOpen, policy.name,
                "\(proposal.action.rawValue) is half-open after \(run.consecutiveFailures) failures in a row; its trial run "
                    + "(started \(KubeTime.format(run.newestPendingAt ?? now))) is in flight and decides whether it closes")
        }
        guard breaker.state == .open, let until = breaker.until else { return nil }
        return deny(
            .circuitOpen, policy.name,
            "\(proposal.action.rawValue) failed \(run.consecutiveFailures) times in a row (threshold \(policy.circuitBreaker.consecutiveFailures)); open for \(policy.circuitBreaker.openFor)",
            until: until)
    }

    /// Oscillation denials for a mutating proposal: one analysis per distinct threshold set,
    /// each denial naming every policy that shares those settings.
    mutating func oscillationReasons(policies: [EffectivePolicy]) -> (reasons: [VerdictReason], escalate: Bool) {
        guard spec.mutating else { return ([], false) }
        var groups: [OscillationThresholds: [String]] = [:]
        var order: [OscillationThresholds] = []
        for policy in policies {
            let thresholds = OscillationThresholds(policy: policy.spec.oscillation, analysis: history.analysis)
            if groups[thresholds] == nil { order.append(thresholds) }
            groups[thresholds, default: []].append(policy.name)
        }
        var reasons: [VerdictReason] = []
        var escalate = false
        for thresholds in order {
            let source = (groups[thresholds] ?? []).sorted().joined(separator: ", ")
            let refusing = analysis(thresholds).refusing(proposal.action, now: now)
            escalate = escalate || refusing.contains { $0.pattern.prevention == .escalate }
            reasons += refusing.map { detection in
                let pattern = detection.pattern
                return deny(
                    .oscillationDetected, source,
                    "\(pattern.type.rawValue) (\(pattern.severity.rawValue), prevention \(pattern.prevention.rawValue)): \(pattern.message)",
                    until: pattern.blockedUntil)
            }
        }
        return (reasons, escalate)
    }
}
