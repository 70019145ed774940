import BallastAPI
import BallastCore
import Foundation
import KubeTypes

/// The policy check and the phases that wait on it: AwaitingApproval and Blocked.
extension LifecycleTransition {
    /// Denials a request waits out in Blocked; any other denial fails it.
    static let resumableDenials: Set<PolicyReasonCode> = [
        .emergencyStop, .coolingOff, .rateLimited, .maxConcurrent, .circuitOpen, .oscillationDetected, .policyInvalid,
    ]

    /// Asks for (or applies) the verdict: Escalated, Blocked, Failed, Skipped (rejected by a
    /// person, or the alert resolved before anything started), AwaitingApproval or Executing.
    mutating func checkPolicy() {
        guard let target = status.target, let decision = status.decision else {
            inconsistent("policy check without status.target and status.decision")
            return
        }
        if request.spec.approval?.decision == .rejected {
            reject()
            return
        }
        if status.verification?.alertResolved == true {
            let at = status.verification?.resolvedAt.map { " at \(KubeTime.format($0))" } ?? ""
            transition(to: .skipped, condition: LifecycleCondition.executed, .false, reason: "AlertResolved",
                       message: "The alert resolved\(at) before an action started: nothing left to remediate", event: .normal)
            return
        }
        if !stopsHoldingDecision.isEmpty {
            blockForEmergencyStop(stopsHoldingDecision)
            return
        }
        guard let verdict = observations.verdict else {
            writeStatus()
            gather(.policyVerdict(PolicyQuery(
                target: target, action: decision.action, parameters: decision.parameters ?? [:],
                confidence: decision.confidence, mode: request.spec.effectiveMode,
                allowedActions: request.spec.allowedActions)))
            return
        }
        // The request's own mode is never loosened, whatever the verdict says.
        let mode = request.spec.effectiveMode
        var outcome = verdict.decision
        if outcome == .allowed && mode == .requireApproval { outcome = .requiresApproval }
        status.policy = PolicyStatus(
            verdict: outcome, policies: verdict.policies,
            reasons: verdict.reasons.map { PolicyReason(code: $0.code, message: $0.message) },
            dryRun: verdict.dryRun || mode == .dryRun, retryAfter: verdict.retryAfter)
        if verdict.escalate {
            transition(to: .escalated, condition: LifecycleCondition.policyAllowed, .false, reason: "OscillationDetected",
                       message: "Escalated: \(Self.explain(verdict))", event: .warning)
            return
        }
        switch outcome {
        case .denied:
            deny(verdict)
        case .requiresApproval:
            switch request.spec.approval?.decision {
            case .approved?: startExecution(approvedBy: request.spec.approval?.by ?? "unknown")
            case .rejected?: reject()
            case nil:
                let reason = verdict.reasons.first?.code.rawValue ?? PolicyReasonCode.approvalRequired.rawValue
                transition(to: .awaitingApproval, condition: LifecycleCondition.policyAllowed, .false, reason: reason,
                           message: "Awaiting approval (spec.approval): \(Self.explain(verdict))", event: .normal)
            }
        case .allowed:
            startExecution(approvedBy: nil)
        }
    }

    /// AwaitingApproval: an emergency stop blocks; an answer re-runs the policy check.
    mutating func awaitingApproval() {
        if request.spec.approval?.decision != .rejected, !stopsHoldingDecision.isEmpty {
            blockForEmergencyStop(stopsHoldingDecision)
        } else if request.spec.approval != nil {
            checkPolicy()
        }
    }

    /// Whether the decided action can change the cluster: an emergency stop holds only those
    /// (`collect_diagnostics` and `notify_only` stay available during a stop, as the policy
    /// evaluator says).
    var decisionMutates: Bool {
        status.decision.map { ActionCatalog.mutating.contains($0.action) } ?? false
    }

    /// The emergency stops that hold the decided action (none for a read-only one).
    var stopsHoldingDecision: [String] { decisionMutates ? observations.emergencyStop ?? [] : [] }

    /// Blocked: waits until `retryAfter`, then re-runs the policy check (resuming by itself). A
    /// person's rejection ends the wait at once.
    mutating func blocked() {
        if request.spec.approval?.decision == .rejected {
            reject()
            return
        }
        if let retryAfter = status.policy?.retryAfter, now < retryAfter {
            requeue(after: retryAfter.timeIntervalSince(now))
            return
        }
        checkPolicy()
    }

    /// Denied: Blocked when every denial can expire by itself, Failed otherwise.
    private mutating func deny(_ verdict: Verdict) {
        let denials = verdict.reasons.filter { $0.effect == .deny }
        let code = denials.first?.code.rawValue ?? PolicyVerdict.denied.rawValue
        let message = Self.explain(verdict)
        if denials.allSatisfy({ Self.resumableDenials.contains($0.code) }) {
            transition(to: .blocked, condition: LifecycleCondition.policyAllowed, .false, reason: code,
                       message: message, event: .warning)
            requeueIfUntimed()
        } else {
            transition(to: .failed, condition: LifecycleCondition.policyAllowed, .false, reason: code,
                       message: message, event: .warning)
        }
    }

    /// A person rejected the request: Skipped.
    private mutating func reject() {
        let by = request.spec.approval?.by ?? "unknown"
        transition(to: .skipped, condition: LifecycleCondition.policyAllowed, .false, reason: "Rejected",
                   message: "Rejected by \(by) (spec.approval)", event: .normal)
    }

    /// Blocked by an emergency stop on `policies` (no retryAfter: resumes when lifted).
    mutating func blockForEmergencyStop(_ policies: [String]) {
        let names = policies.sorted().joined(separator: ", ")
        let message = "Denied by SafetyPolicy \(names): EmergencyStop — emergency stop enabled; "
            + "resumes when it is lifted"
        status.policy = PolicyStatus(
            verdict: .denied, policies: policies.sorted(),
            reasons: [PolicyReason(code: .emergencyStop, message: "emergency stop enabled on SafetyPolicy \(names)")])
        transition(to: .blocked, condition: LifecycleCondition.policyAllowed, .false,
                   reason: PolicyReasonCode.emergencyStop.rawValue, message: message, event: .warning)
        requeueIfUntimed()
    }

    /// Blocked requests re-check at `retryAfter`, or every ``LifecycleSettings/recheckInterval``.
    private mutating func requeueIfUntimed() {
        if let retryAfter = status.policy?.retryAfter, retryAfter > now {
            requeue(after: retryAfter.timeIntervalSince(now))
        } else {
            requeue(after: settings.recheckInterval)
        }
    }

    /// `Denied by SafetyPolicy default: CoolingOff — <message>; retry after <time>` (+ more).
    static func explain(_ verdict: Verdict) -> String {
        guard let first = verdict.reasons.first else {
            return "\(verdict.decision.rawValue) by SafetyPolicy \(verdict.policies.joined(separator: ", "))"
        }
        var text = "\(verdict.decision.rawValue) by SafetyPolicy \(first.source): \(first.code.rawValue) — \(first.message)"
        if verdict.reasons.count > 1 {
            text += " (and \(verdict.reasons.dropFirst().map(\.code.rawValue).joined(separator: ", ")))"
        }
        if let retryAfter = verdict.retryAfter { text += "; retry after \(KubeTime.format(retryAfter))" }
        return text
    }
}
