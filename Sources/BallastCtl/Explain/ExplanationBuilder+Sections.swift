import BallastAPI
import Foundation
import KubeTypes

extension ExplanationBuilder {
    func alertLines() -> [String] {
        guard let alert = request.spec.alert else {
            return ["None: a manual request (spec.action and spec.target)."]
        }
        var first = alert.name + (alert.severity.map { " (\($0.rawValue))" } ?? "")
        if let startsAt = alert.startsAt { first += ", firing since \(RelativeTime.describe(startsAt, now: now))" }
        if let source = alert.source { first += ", from \(source)" }
        var lines = [first]
        if let summary = alert.annotations?["summary"] {
            lines.append("summary: \(Text.singleLine(summary, maxLength: 160))")
        }
        if let dedup = status?.deduplication, dedup.count > 1 {
            let last = dedup.lastSeen.map { ", last \(RelativeTime.describe($0, now: now))" } ?? ""
            lines.append("the same alert arrived \(dedup.count) times\(last); one request handles them all")
        }
        return lines
    }

    func targetLines() -> [String] {
        if let resolved = status?.target {
            return ["\(describe(resolved))\(resolved.uid.map { " (uid \($0))" } ?? "")"]
                + (status?.historyRef.map { ["history: actionhistory \($0) (`kubectl ballast history \(resolved.kind.lowercased())/\(resolved.name)`)"] } ?? [])
        }
        if let target = request.spec.target {
            return ["\(describe(target)) (from spec.target; not resolved by an operator yet)"]
        }
        return ["not resolved yet (it comes from the alert's labels)"]
    }

    func decisionLines() -> [String] {
        var lines: [String] = []
        let mode = request.spec.effectiveMode
        if mode != .auto { lines.append("requested mode: \(mode.rawValue)") }
        if let requested = request.spec.action {
            lines.append("requested action: \(requested.name.rawValue)\(parameterList(requested.parameters))")
        }
        if let allowed = request.spec.allowedActions, !allowed.isEmpty {
            lines.append("the request allows only: \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        guard let decision = status?.decision else {
            return lines + [status?.phase == nil || status?.phase == .pending || status?.phase == .analyzing ? "not decided yet" : "no decision was recorded"]
        }
        var first = decision.action.rawValue + parameterList(decision.parameters)
        first += ", chosen by \(sourceText(decision)) with confidence \(Text.fraction(decision.confidence))"
        if let latency = decision.latencyMs { first += " in \(latency)ms" }
        lines.insert(first, at: 0)
        if let reasoning = decision.reasoning, !reasoning.isEmpty {
            lines.append("reasoning: \"\(Text.singleLine(reasoning, maxLength: 300))\"")
        }
        if let alternatives = decision.alternatives, !alternatives.isEmpty {
            lines.append("alternatives considered: " + alternatives.map { "\($0.action.rawValue) (\(Text.fraction($0.confidence)))" }.joined(separator: ", "))
        }
        return lines
    }

    /// ` (container=app, memoryLimit=768Mi)`, or empty without parameters.
    private func parameterList(_ parameters: [String: JSONValue]?) -> String {
        let list = (parameters ?? [:]).sorted { $0.key < $1.key }
            .map { "\($0.key)=\(HistoryReport.scalar($0.value))" }.joined(separator: ", ")
        return list.isEmpty ? "" : " (\(list))"
    }

    private func sourceText(_ decision: DecisionStatus) -> String {
        switch decision.source {
        case .llm: return "the LLM" + (decision.model.map { " \($0)" } ?? "")
        case .rules: return "the built-in rules"
        case .cache: return "a cached earlier decision for the same situation"
        case .requested: return "the requester (spec.action; no decision step)"
        }
    }

    func policyLines() -> [String] {
        guard let policy else { return [] }
        let names = policy.policies.isEmpty ? "" : " by SafetyPolicy " + policy.policies.joined(separator: ", ")
        var first: String
        switch policy.verdict {
        case .allowed: first = "allowed\(names)"
        case .requiresApproval: first = "requires a person's approval\(names)"
        case .denied: first = "denied\(names)"
        }
        if policy.dryRun == true { first += "; as a server-side dry run only" }
        var lines = [first]
        for reason in policy.reasons {
            lines.append("\(reason.code.rawValue): \(PolicyReasonText.meaning(reason.code)) — \(Text.singleLine(reason.message, maxLength: 200))")
        }
        if policy.verdict == .denied || status?.phase == .blocked {
            lines.append(resumeClause().capitalizedFirst + ".")
        }
        return lines
    }

    func approvalLines() -> [String] {
        if let approval = request.spec.approval {
            var line = "\(approval.decision.rawValue)" + (approval.by.map { " by \($0)" } ?? "")
            let annotations = request.metadata.annotations ?? [:]
            if let at = annotations[ApprovalChange.atAnnotation].flatMap(KubeTime.parse) {
                line += " \(RelativeTime.describe(at, now: now))"
            }
            if let reason = annotations[ApprovalChange.reasonAnnotation], !reason.isEmpty {
                line += ": \(Text.singleLine(reason, maxLength: 200))"
            }
            return [line]
        }
        if status?.phase == .awaitingApproval {
            return ["nobody has answered yet"]
        }
        return []
    }

    func executionLines() -> [String] {
        guard let execution = status?.execution else { return [] }
        var first = execution.dryRun == true ? "server-side dry run" : "real run"
        first += ", actionId \(execution.actionId)"
        if let startedAt = execution.startedAt { first += ", started \(RelativeTime.describe(startedAt, now: now))" }
        if let startedAt = execution.startedAt, let finishedAt = execution.finishedAt {
            first += ", took \(RelativeTime.span(finishedAt.timeIntervalSince(startedAt)))"
        }
        var lines = [first]
        if let result = execution.result {
            lines.append("\(result.rawValue)" + (execution.message.map { ": \(Text.singleLine($0, maxLength: 300))" } ?? ""))
        }
        for change in execution.changes ?? [] {
            let from = change.from.map(HistoryReport.scalar) ?? "(unset)"
            let to = change.to.map(HistoryReport.scalar) ?? "(unset)"
            lines.append("changed \(change.path): \(from) -> \(to)")
        }
        return lines
    }

    func verificationLines() -> [String] {
        guard let verification = status?.verification else {
            return status?.phase == .verifying ? ["waiting for the alert to resolve or the verification window to pass"] : []
        }
        var lines: [String] = []
        switch verification.alertResolved {
        case true?: lines.append("the alert resolved" + (verification.resolvedAt.map { " \(RelativeTime.describe($0, now: now))" } ?? ""))
        case false?: lines.append("the alert did not resolve")
        case nil: break
        }
        if let effectiveness = verification.effectiveness {
            lines.append("effectiveness \(Text.fraction(effectiveness)) (0 = no effect, 1 = fully resolved without side effects)")
        }
        return lines
    }

    func conditionLines() -> [String] {
        (status?.conditions ?? []).map { condition in
            "\(condition.type)=\(condition.status.rawValue) \(condition.reason) (\(RelativeTime.describe(condition.lastTransitionTime, now: now))): \(Text.singleLine(condition.message, maxLength: 200))"
        }
    }
}
