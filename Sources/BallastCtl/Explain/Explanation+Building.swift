import BallastAPI
import Foundation
import KubeTypes

extension Explanation {
    /// Explains `request` from its spec, status, conditions and `events`, relative to `now`.
    /// Pure: the same inputs always give the same explanation.
    public init(request: RemediationRequest, events: [Event], now: Date) {
        let builder = ExplanationBuilder(request: request, now: now)
        self.init(
            namespace: request.metadata.namespace ?? "", name: request.metadata.name ?? "?",
            phase: request.status?.phase?.rawValue ?? "New", headline: builder.headline(),
            sections: builder.sections(), events: Self.eventLines(events))
    }

    /// Events oldest first, by their last occurrence.
    static func eventLines(_ events: [Event]) -> [EventLine] {
        events.map { event in
            EventLine(
                time: event.lastTimestamp ?? event.eventTime?.date ?? event.firstTimestamp ?? event.metadata.creationTimestamp,
                type: event.type ?? "Normal", reason: event.reason ?? "", message: event.message ?? "",
                count: Int(event.count ?? 1))
        }.sorted { ($0.time ?? .distantPast) < ($1.time ?? .distantPast) }
    }
}

/// Turns one request into sentences; every function reads only the request and `now`.
struct ExplanationBuilder {
    let request: RemediationRequest
    let now: Date

    var status: RemediationRequestStatus? { request.status }
    var policy: PolicyStatus? { status?.policy }
    var actionName: String {
        (status?.decision?.action ?? request.spec.action?.name)?.rawValue ?? "the action"
    }
    var targetText: String {
        (status?.target ?? request.spec.target).map(describe) ?? "the target"
    }

    /// `Deployment shop/web`: a namespaced target without a namespace is in the request's.
    func describe(_ target: TargetReference) -> String {
        let namespaced = TargetKind.named(target.kind)?.namespaced ?? true
        let namespace = target.namespace ?? (namespaced ? request.metadata.namespace : nil)
        return "\(target.kind) \(namespace.map { "\($0)/" } ?? "")\(target.name)"
    }

    /// Where the request is and why, in one or two sentences.
    func headline() -> String {
        let reasons = PolicyReasonText.meanings(policy?.reasons ?? [])
        switch status?.phase {
        case nil:
            let age = request.metadata.creationTimestamp.map { " (created \(RelativeTime.describe($0, now: now)))" } ?? ""
            return "Not picked up yet: no operator has written its status\(age). Is Ballast running?"
        case .pending?:
            return "Pending: an operator has seen it and will gather context and decide."
        case .analyzing?:
            return "Analyzing: gathering context about \(targetText) and deciding what to do."
        case .awaitingApproval?:
            return "Waiting for a person: \(actionName) on \(targetText) needs approval because \(reasons). Answer with "
                + answerCommands()
        case .executing?:
            let since = status?.execution?.startedAt.map { " since \(RelativeTime.describe($0, now: now))" } ?? ""
            return "Executing \(actionName) on \(targetText)\(since)."
        case .verifying?:
            return "\(actionName) was executed on \(targetText); now checking that it worked (the alert resolves, or the verification window passes)."
        case .completed?:
            let how = status?.execution?.dryRun == true ? "ran as a server-side dry run" : "succeeded"
            return "Completed: \(actionName) \(how) on \(targetText)." + verificationClause()
        case .failed?:
            return "Failed: " + (status?.execution?.message ?? RequestReason.latestFalseCondition(status)?.message ?? reasons) + "."
        case .blocked?:
            let answer = ApprovalChange.needsApproval(request) && request.spec.approval == nil
                ? " It also needs a person's answer, which can be given now: " + answerCommands() : ""
            return "Blocked: \(actionName) on \(targetText) may not run now because \(reasons); \(resumeClause())." + answer
        case .escalated?:
            let why = RequestReason.latestFalseCondition(status)?.message ?? reasons
            return "Escalated to a person: \(why). Ballast will not act on this request by itself."
        case .skipped?:
            return "Skipped: " + (RequestReason.latestCondition(status)?.message ?? "nothing needed doing") + "."
        }
    }

    /// "`kubectl ballast approve NAME -n NS` or `reject`."
    private func answerCommands() -> String {
        "`kubectl ballast approve \(request.metadata.name ?? "") -n \(request.metadata.namespace ?? "")` or `reject`."
    }

    /// ` The alert resolved 3m ago; effectiveness 0.90.` or empty.
    private func verificationClause() -> String {
        guard let verification = status?.verification else { return "" }
        var parts: [String] = []
        if verification.alertResolved == true {
            parts.append("the alert resolved" + (verification.resolvedAt.map { " \(RelativeTime.describe($0, now: now))" } ?? ""))
        }
        if let effectiveness = verification.effectiveness {
            parts.append("effectiveness \(Text.fraction(effectiveness))")
        }
        return parts.isEmpty ? "" : " " + parts.joined(separator: "; ").capitalizedFirst + "."
    }

    /// When a blocked request resumes: at `retryAfter`, or when the stop is lifted.
    func resumeClause() -> String {
        if let retryAfter = policy?.retryAfter {
            return retryAfter > now
                ? "it resumes by itself at \(RelativeTime.exact(retryAfter, now: now))"
                : "its retry time \(KubeTime.format(retryAfter)) passed \(RelativeTime.describe(retryAfter, now: now)); the operator re-checks it"
        }
        if policy?.reasons.contains(where: { $0.code == .emergencyStop }) == true {
            return "it resumes by itself when the emergency stop is lifted (`kubectl ballast resume`)"
        }
        return "it resumes by itself when the reason clears"
    }

    /// The detail sections, in lifecycle order, leaving out topics with nothing to say.
    func sections() -> [Explanation.Section] {
        let all: [(String, [String])] = [
            ("Alert", alertLines()), ("Target", targetLines()), ("Decision", decisionLines()),
            ("Policy", policyLines()), ("Approval", approvalLines()), ("Execution", executionLines()),
            ("Diagnostics", diagnosticsLines()), ("Verification", verificationLines()), ("Conditions", conditionLines()),
        ]
        return all.filter { !$0.1.isEmpty }.map { Explanation.Section(topic: $0.0, lines: $0.1) }
    }
}

extension String {
    /// The string with its first character upper-cased.
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
