import BallastAPI
import Foundation
import KubeTypes

extension EvaluationContext {
    /// Every reason `policy` gives about the proposal, except oscillation (see
    /// ``oscillationReasons(policies:)``, which groups policies sharing settings).
    func reasons(for policy: EffectivePolicy) -> [VerdictReason] {
        let name = policy.name
        var reasons: [VerdictReason] = []
        if let entry = policy.allowList?[proposal.action], entry.requireApproval == true {
            reasons.append(VerdictReason(
                code: .approvalRequired, effect: .requireApproval, source: name,
                message: "spec.actions lists \(proposal.action.rawValue) with requireApproval"))
        }
        guard spec.mutating else { return reasons }
        let problems = policy.spec.validationErrors()
        if !problems.isEmpty {
            reasons.append(deny(.policyInvalid, name, "the policy is invalid, failing closed: " + problems.joined(separator: "; ")))
        }
        reasons += scopeReasons(policy)
        if policy.dryRun {
            reasons.append(VerdictReason(
                code: .dryRunMode, effect: .dryRun, source: name,
                message: name == PolicyDefaults.name ? "no SafetyPolicy covers the target; built-in defaults apply in DryRun mode"
                    : "spec.mode is DryRun"))
        }
        if proposal.confidence < policy.minConfidence {
            reasons.append(VerdictReason(
                code: .lowConfidence, effect: .requireApproval, source: name,
                message: "confidence \(score(proposal.confidence)) is below minConfidence \(score(policy.minConfidence))"))
        }
        return reasons + timeReasons(policy)
    }

    /// Emergency stop, excluded namespace, target selector, allow-list and limits.
    private func scopeReasons(_ policy: EffectivePolicy) -> [VerdictReason] {
        let name = policy.name
        var reasons: [VerdictReason] = []
        if policy.emergencyStop {
            let stop = policy.spec.emergencyStop
            let detail = [stop?.reason, stop?.by.map { "by \($0)" }].compactMap { $0 }.filter { !$0.isEmpty }
            reasons.append(deny(.emergencyStop, name, (["emergency stop is enabled"] + detail).joined(separator: ", ")))
        }
        if let namespace = proposal.target.namespace, policy.spec.excludedNamespaces?.contains(namespace) == true {
            reasons.append(deny(.namespaceExcluded, name, "namespace \(namespace) is in excludedNamespaces"))
        }
        if let selector = policy.spec.targetSelector, !selector.isEmpty, !selector.matches(proposal.targetLabels) {
            reasons.append(deny(
                .targetNotSelected, name,
                "\(proposal.target.kind) \(proposal.target.name) does not match targetSelector \(selector.queryString)"))
        }
        guard policy.allows(proposal.action) else {
            let why = policy.allowList == nil ? "is not in the built-in safe set (risk \(spec.risk.rawValue)); list it in spec.actions"
                : "is not listed in spec.actions"
            return reasons + [deny(.actionNotAllowed, name, "\(proposal.action.rawValue) \(why)")]
        }
        let limits = policy.allowList?[proposal.action]?.limits ?? [:]
        let limitProblems = spec.validate(parameters: proposal.parameters, limits: limits, observed: proposal.observed)
            .filter { problem in
                switch problem {
                case .exceedsLimit, .missingObservation: return true
                default: return false
                }
            }
        if !limitProblems.isEmpty {
            reasons.append(deny(.limitExceeded, name, limitProblems.map(\.description).joined(separator: "; ")))
        }
        return reasons
    }
}
