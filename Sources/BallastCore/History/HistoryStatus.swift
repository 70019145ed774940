import BallastAPI
import Foundation
import KubeTypes

/// Computes an ActionHistory's status from its recorded entries and alert observations: what
/// the ActionHistory reconciler writes (pure; `now` is a parameter).
public enum HistoryStatus {
    /// The condition type set while a pattern is detected.
    public static let oscillatingCondition = "Oscillating"

    /// The recomputed status of `history` at `now`.
    ///
    /// Guarantees: entries and alert observations are pruned by `spec.retention` and kept in
    /// canonical order; `patterns` and `flappingAlerts` come from ``OscillationDetector`` under
    /// the policy's settings overridden by `spec.analysis`; `summary.totalActions` never
    /// decreases (it counts entries ever recorded as far as this status knows: the previous total,
    /// or more when more entries are present); the `Oscillating` condition is `True` with the
    /// strongest pattern's type as reason while any pattern is detected, else `False`. Every
    /// other field of the previous status (observedGeneration aside) is preserved.
    public static func recompute(
        _ history: ActionHistory, policyOscillation: OscillationSettings? = nil, now: Date
    ) -> ActionHistoryStatus {
        var status = history.status ?? ActionHistoryStatus()
        let retention = Retention(history.spec.retention)
        let entries = retention.prune(status.entries ?? [], now: now)
        let alerts = retention.prune(status.alerts ?? [], now: now)
        let thresholds = OscillationThresholds(policy: policyOscillation, analysis: history.spec.analysis)
        let analysis = OscillationDetector.analyse(
            entries: entries, alerts: alerts, flappingAlerts: status.flappingAlerts ?? [], now: now,
            thresholds: thresholds)
        status.entries = entries
        status.alerts = alerts
        status.patterns = analysis.patterns
        status.flappingAlerts = analysis.flappingAlerts
        status.summary = summary(of: entries, previous: status.summary)
        status.observedGeneration = history.metadata.generation
        var conditions = status.conditions ?? []
        if let strongest = analysis.patterns.first {
            conditions.set(
                oscillatingCondition, status: .true, reason: strongest.type.rawValue,
                message: "\(strongest.severity.rawValue): \(strongest.message)",
                observedGeneration: history.metadata.generation, now: now)
        } else {
            conditions.set(
                oscillatingCondition, status: .false, reason: "NoPattern", message: "no oscillation detected",
                observedGeneration: history.metadata.generation, now: now)
        }
        status.conditions = conditions
        return status
    }

    /// The summary of `entries`: `totalActions` never decreases (the previous total, or the
    /// number of entries when more are present), `lastActionAt` is the newest entry's start,
    /// effectiveness as ``EffectivenessScore/summary(of:)`` scores it.
    ///
    /// Whoever writes entries keeps the summary in step with them through this function (the
    /// ActionHistory reconciler in ``recompute(_:policyOscillation:now:)``, the operator's
    /// history ledger on every entry it appends or completes), so the two never disagree and a
    /// ledger write leaves the reconciler nothing to rewrite.
    public static func summary(of entries: [ActionEntry], previous: HistorySummary?) -> HistorySummary {
        HistorySummary(
            totalActions: max(previous?.totalActions ?? 0, Int64(entries.count)), lastActionAt: entries.last?.startedAt,
            effectiveness: EffectivenessScore.summary(of: entries))
    }
}
