import BallastAPI
import Foundation
import KubeTypes

/// The per-evaluation working set: the proposal, the pruned history and values derived from it
/// once (last action times, oscillation analyses per distinct threshold set), shared by the
/// checks of every policy.
struct EvaluationContext {
    let proposal: ProposedAction
    let spec: ActionSpec
    /// The pruned history, prepared once for every oscillation analysis.
    let timeline: Timeline
    let history: TargetHistory
    let cluster: ClusterState
    let now: Date
    /// Start of the newest entry of the same action that may have touched the target.
    let lastSameAction: Date?
    /// Start of the newest entry of any mutating action that may have touched the target.
    let lastAnyAction: Date?
    /// ``lastSameAction`` and ``lastAnyAction`` as RFC 3339 text, formatted once for messages.
    let lastSameText: String
    let lastAnyText: String
    /// The proposed action's failure run: from the cluster state, else from the target's history.
    let failureRun: FailureRun
    private var analyses: [OscillationThresholds: OscillationAnalysis] = [:]

    init(proposal: ProposedAction, history: TargetHistory, cluster: ClusterState, now: Date) {
        let retention = Retention(history.retention)
        self.proposal = proposal
        self.spec = ActionCatalog.spec(for: proposal.action)
        self.timeline = Timeline(
            entries: history.entries, positions: retention.keptPositions(history.entries, now: now),
            alerts: retention.prune(history.alerts, now: now))
        self.history = history
        self.cluster = cluster
        self.now = now
        let counted = timeline.steps.filter { $0.state != .abandoned && $0.mutating }
        self.lastSameAction = counted.last { $0.action == proposal.action }?.startedAt
        self.lastAnyAction = counted.last?.startedAt
        self.lastSameText = lastSameAction.map(KubeTime.format) ?? ""
        self.lastAnyText = lastAnyAction.map(KubeTime.format) ?? ""
        self.failureRun = cluster.failures[proposal.action] ?? FailureRun(timeline.steps, action: proposal.action)
    }

    /// The oscillation analysis under `thresholds`, computed once per distinct threshold set.
    mutating func analysis(_ thresholds: OscillationThresholds) -> OscillationAnalysis {
        if let cached = analyses[thresholds] { return cached }
        let result = OscillationDetector.analyse(
            timeline, flappingAlerts: history.flappingAlerts, now: now, thresholds: thresholds)
        analyses[thresholds] = result
        return result
    }

    /// Reasons that come from the request and the catalog, independent of any policy.
    func requestReasons() -> [VerdictReason] {
        var reasons: [VerdictReason] = []
        var problems: [ParameterError] = []
        if !spec.accepts(kind: proposal.target.kind) {
            problems.append(.wrongTargetKind(action: spec.name, kind: proposal.target.kind, accepted: spec.targetKinds))
        }
        problems += spec.validate(parameters: proposal.parameters, observed: proposal.observed)
        var messages = problems.map(\.description)
        if !(0...1).contains(proposal.confidence) {
            messages.append("confidence \(proposal.confidence) is outside 0...1")
        }
        if !messages.isEmpty {
            reasons.append(deny(.invalidParameters, "catalog", messages.joined(separator: "; ")))
        }
        if let narrowed = proposal.allowedActions, !narrowed.contains(proposal.action) {
            let list = narrowed.sorted().map(\.rawValue).joined(separator: ", ")
            reasons.append(deny(.actionNotAllowed, "request", "spec.allowedActions [\(list)] does not include \(proposal.action.rawValue)"))
        }
        guard spec.mutating else { return reasons }
        switch proposal.mode {
        case .auto: break
        case .dryRun:
            reasons.append(VerdictReason(code: .dryRunMode, effect: .dryRun, source: "request", message: "spec.mode is DryRun"))
        case .requireApproval:
            reasons.append(VerdictReason(
                code: .approvalRequired, effect: .requireApproval, source: "request", message: "spec.mode is RequireApproval"))
        }
        return reasons
    }

    /// A denial from `source`.
    func deny(_ code: PolicyReasonCode, _ source: String, _ message: String, until: Date? = nil) -> VerdictReason {
        VerdictReason(code: code, effect: .deny, source: source, message: message, retryAfter: until)
    }
}
