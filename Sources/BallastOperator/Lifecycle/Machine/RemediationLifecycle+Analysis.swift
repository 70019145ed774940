import BallastAPI
import Foundation
import KubeTypes

/// Pending and Analyzing: deduplicate, resolve the target, decide.
extension LifecycleTransition {
    /// Pending: deduplication, then target resolution (asking for a lookup), then Analyzing.
    mutating func pending() {
        if let duplicate = observations.duplicateOf {
            let fingerprint = request.spec.alert?.fingerprint ?? "?"
            transition(to: .skipped, condition: LifecycleCondition.decided, .false, reason: "Deduplicated",
                       message: "alert fingerprint \(fingerprint) is already handled by request \(duplicate)", event: .normal)
            return
        }
        let candidate: TargetCandidate
        switch TargetResolver.resolve(request.spec, requestNamespace: request.metadata.namespace ?? "") {
        case .failure(let problem):
            unresolvable(problem.message)
            return
        case .success(let resolved):
            candidate = resolved
        }
        switch observations.target {
        case nil:
            gather(.target(candidate))
        case .missing(let message)?:
            transition(to: .failed, condition: LifecycleCondition.decided, .false, reason: "TargetNotFound",
                       message: "Target not found: \(message)", event: .warning)
        case .found(let target)?:
            guard fits(target, candidate) else {
                unresolvable("the lookup of \(describe(candidate)) returned \(describe(target)), which it does not name")
                return
            }
            status.target = target
            status.phase = .analyzing
            analyzing()
        }
    }

    /// Analyzing: the requested action or the decision engine's, then the policy check.
    mutating func analyzing() {
        guard let target = status.target else {
            inconsistent("phase Analyzing without status.target")
            return
        }
        if status.decision == nil {
            guard let decision = decide(target) else { return }
            status.decision = decision
            let reason = decision.source == .requested ? "Requested" : "\(decision.source.rawValue)Decided"
            let message = "\(decision.action.rawValue) with confidence \(Self.ratio(decision.confidence))"
                + (decision.reasoning.map { ": \($0)" } ?? "")
            // A decision the engine made gets an Event; the requester's own `spec.action` is
            // already on record in the request, so it sets the condition only.
            if setCondition(LifecycleCondition.decided, .true, reason: reason, message: message), decision.source != .requested {
                emit(.normal, reason, "Decided \(message) (source \(decision.source.rawValue))")
            }
        }
        guard let decision = status.decision else { return }
        switch decision.action {
        case .notifyOnly:
            transition(to: .skipped, condition: LifecycleCondition.executed, .false, reason: "NotifyOnly",
                       message: "notify_only: nothing to execute on \(describe(target))", event: .normal)
        case .escalate:
            transition(to: .escalated, condition: LifecycleCondition.executed, .false, reason: "EscalationRequested",
                       message: "The decision asks a person to act on \(describe(target))", event: .warning)
        default:
            if decision.source != .requested, !(decision.confidence >= settings.escalationConfidence) {
                transition(to: .escalated, condition: LifecycleCondition.decided, .true, reason: "LowConfidence",
                           message: "\(decision.action.rawValue) has confidence \(Self.ratio(decision.confidence)), "
                               + "below \(Self.ratio(settings.escalationConfidence)): a person must decide",
                           event: .warning)
                return
            }
            checkPolicy()
        }
    }

    /// The decision: the requested action, or the engine's (asking for it when not observed).
    private mutating func decide(_ target: TargetReference) -> DecisionStatus? {
        if let action = request.spec.action {
            return DecisionStatus(action: action.name, parameters: action.parameters, confidence: 1, source: .requested)
        }
        switch observations.decision {
        case nil:
            writeStatus()
            gather(.decision(target: target))
        case .failed(let message)?:
            transition(to: .escalated, condition: LifecycleCondition.decided, .false, reason: "NoDecision",
                       message: "No decision could be made: \(message)", event: .warning)
        case .decided(let decision)?:
            return decision
        }
        return nil
    }

    /// Fails with `TargetUnresolvable`.
    private mutating func unresolvable(_ message: String) {
        transition(to: .failed, condition: LifecycleCondition.decided, .false, reason: "TargetUnresolvable",
                   message: "Target unresolvable: \(message)", event: .warning)
    }

    /// Whether a looked-up target is the one the candidate named (a lookup can never widen it).
    private func fits(_ target: TargetReference, _ candidate: TargetCandidate) -> Bool {
        guard target.namespace == candidate.namespace, target.uid.map({ !$0.isEmpty }) == true else { return false }
        switch candidate {
        case .object(let reference):
            return target.kind == reference.kind && target.name == reference.name
                && target.apiVersion == reference.apiVersion
        case .ownerOfPod:
            return ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Pod"].contains(target.kind)
        }
    }

    private func describe(_ candidate: TargetCandidate) -> String {
        switch candidate {
        case .object(let reference): return describe(reference)
        case .ownerOfPod(let namespace, let name): return "the owner of pod \(namespace)/\(name)"
        }
    }

    /// `deployment shop/web`, `node worker-1`.
    func describe(_ target: TargetReference) -> String {
        "\(target.kind.lowercased()) " + (target.namespace.map { "\($0)/" } ?? "") + target.name
    }

    /// `0.86`: two decimals at most, independent of the locale.
    static func ratio(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        return "\((value * 100).rounded() / 100)"
    }
}
