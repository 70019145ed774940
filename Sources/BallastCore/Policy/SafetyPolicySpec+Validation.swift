import BallastAPI
import KubeTypes

extension SafetyPolicySpec {
    /// Problems that make the policy invalid, each naming the field (`spec.minConfidence: ...`).
    ///
    /// Empty when valid. The evaluator fails closed on a matching invalid policy, and the
    /// SafetyPolicy reconciler reports these in an `InvalidSpec` condition.
    public func validationErrors() -> [String] {
        var errors: [String] = []
        if let minConfidence, !(0...1).contains(minConfidence) {
            errors.append("spec.minConfidence: \(minConfidence) is outside 0...1")
        }
        if let maxConcurrent, maxConcurrent < 0 {
            errors.append("spec.maxConcurrent: \(maxConcurrent) is negative")
        }
        if let rateLimit {
            if rateLimit.maxActions < 0 { errors.append("spec.rateLimit.maxActions: \(rateLimit.maxActions) is negative") }
            if rateLimit.per == .zero { errors.append("spec.rateLimit.per: must be longer than 0s") }
        }
        if let circuitBreaker, circuitBreaker.consecutiveFailures < 1 {
            errors.append("spec.circuitBreaker.consecutiveFailures: \(circuitBreaker.consecutiveFailures) must be at least 1")
        }
        if let oscillation {
            errors += oscillation.validationErrors(path: "spec.oscillation")
        }
        errors += namespaceSelector?.validationErrors(path: "spec.namespaceSelector") ?? []
        errors += targetSelector?.validationErrors(path: "spec.targetSelector") ?? []
        var seen = Set<ActionName>()
        for (index, entry) in (actions ?? []).enumerated() {
            if !seen.insert(entry.name).inserted {
                errors.append("spec.actions[\(index)].name: \(entry.name.rawValue) is listed twice")
            }
            let problems = ActionCatalog.spec(for: entry.name).validateLimits(entry.limits ?? [:])
            errors += problems.map { "spec.actions[\(index)].limits: \($0)" }
        }
        return errors
    }
}

extension OscillationSettings {
    /// Problems with these settings, each naming the field under `path`; empty when valid.
    public func validationErrors(path: String) -> [String] {
        var errors: [String] = []
        for (field, value) in [("flapStartPercent", flapStartPercent), ("flapStopPercent", flapStopPercent)] {
            if let value, !(0...100).contains(value) {
                errors.append("\(path).\(field): \(value) is outside 0...100")
            }
        }
        let start = flapStartPercent ?? OscillationThresholds().flapStartPercent
        let stop = flapStopPercent ?? OscillationThresholds().flapStopPercent
        if stop > start {
            errors.append("\(path).flapStopPercent: \(stop) is above flapStartPercent \(start)")
        }
        if window == .zero { errors.append("\(path).window: must be longer than 0s") }
        if flapInterval == .zero { errors.append("\(path).flapInterval: must be longer than 0s") }
        return errors
    }
}
