import BallastAPI
import BallastDecision
import Foundation
import KubeTypes

extension DecisionContext {
    /// The most recent history entries a decision sees.
    public static let maxHistoryEntries = 20

    /// The context of an alert-driven request: its alert, the live target, the most recent
    /// ``maxHistoryEntries`` entries and the patterns of the target's ActionHistory, and the
    /// actions the covering policies and the request allow. Bounded: the prompt builder trims
    /// further to its token budget.
    public init(
        request: RemediationRequest, target: TargetSummary, history: ActionHistory?, allowedActions: [AllowedAction], now: Date
    ) {
        let alert = request.spec.alert
        let entries = (history?.status?.entries ?? []).sorted { $0.startedAt < $1.startedAt }.suffix(Self.maxHistoryEntries)
        self.init(
            alert: AlertSummary(
                name: alert?.name ?? "manual", severity: alert?.severity?.rawValue, fingerprint: alert?.fingerprint,
                labels: alert?.labels ?? [:], annotations: alert?.annotations ?? [:]),
            target: target,
            history: HistorySummary(
                entries: entries.map { entry in
                    HistoryEntrySummary(
                        action: entry.action.rawValue, parameters: entry.parameters ?? [:], state: entry.state.rawValue,
                        minutesAgo: max(0, Int(now.timeIntervalSince(entry.startedAt) / 60)),
                        effectiveness: entry.effectiveness, alert: entry.alert)
                },
                patterns: (history?.status?.patterns ?? []).map {
                    PatternSummary(type: $0.type.rawValue, severity: $0.severity.rawValue, message: $0.message)
                }),
            allowedActions: allowedActions)
    }
}
