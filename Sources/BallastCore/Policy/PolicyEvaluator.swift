import BallastAPI
import Foundation
import KubeTypes

/// Decides whether a proposed action may run: a pure function of the proposal, the target's
/// history, the SafetyPolicies, cluster counts and `now`.
///
/// Guarantees:
/// - Every SafetyPolicy that covers the target's namespace is applied on its own and all their
///   reasons are combined, so the most restrictive outcome wins and adding a policy can never
///   weaken a verdict.
/// - With no covering policy, ``PolicyDefaults/policy`` applies (DryRun mode: fail safe).
/// - Emergency stop, cooling-off, rate and concurrency limits, circuit breakers and oscillation
///   only ever deny *mutating* actions; `collect_diagnostics`, `notify_only` and `escalate` stay
///   available.
/// - Retention is applied to the history first: pruned entries never influence a verdict.
/// - Time-bound denials carry the exact instant they expire (``Verdict/retryAfter``).
public enum PolicyEvaluator {
    /// Evaluates `proposal` at `now`.
    public static func evaluate(
        _ proposal: ProposedAction, history: TargetHistory, policies: [SafetyPolicy],
        cluster: ClusterState = ClusterState(), now: Date
    ) -> Verdict {
        var applicable = covering(policies, namespaceLabels: proposal.namespaceLabels)
        if applicable.isEmpty { applicable = [EffectivePolicy(PolicyDefaults.policy)] }
        var context = EvaluationContext(proposal: proposal, history: history, cluster: cluster, now: now)
        var reasons = context.requestReasons()
        for policy in applicable { reasons += context.reasons(for: policy) }
        let oscillation = context.oscillationReasons(policies: applicable)
        return Verdict(
            reasons: reasons + oscillation.reasons, policies: applicable.map(\.name), escalate: oscillation.escalate)
    }

    /// The policies that cover a target whose namespace has `namespaceLabels`, resolved against
    /// the defaults.
    public static func covering(_ policies: [SafetyPolicy], namespaceLabels: [String: String]?) -> [EffectivePolicy] {
        policies.map(EffectivePolicy.init).filter { $0.covers(namespaceLabels: namespaceLabels) }
    }
}
