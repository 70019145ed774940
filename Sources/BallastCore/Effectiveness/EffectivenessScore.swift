import BallastAPI
import Foundation
import KubeTypes

/// What verification observed about one finished action.
public struct EffectivenessSignals: Sendable, Hashable {
    /// The alert that caused the action resolved.
    public var alertResolved: Bool
    /// The target is healthy (ready replicas as desired, metrics back to normal).
    public var targetHealthy: Bool
    /// The same alert fired again within the verification window after resolving.
    public var recurred: Bool
    /// Distinct other alerts that started firing on the target after the action.
    public var newAlerts: Int

    /// Creates a set of signals.
    public init(alertResolved: Bool, targetHealthy: Bool, recurred: Bool, newAlerts: Int) {
        self.alertResolved = alertResolved
        self.targetHealthy = targetHealthy
        self.recurred = recurred
        self.newAlerts = max(0, newAlerts)
    }
}

/// The effectiveness score of a finished action, in 0...1 (Kubernaut's formula, anchors.md):
///
/// | term | weight |
/// |---|---|
/// | alert resolved | +0.4 |
/// | target healthy (metrics improved) | +0.3 |
/// | no recurrence | +0.2 |
/// | no side effects (no new alerts) | +0.1 |
/// | recurrence | −0.3 |
/// | side effects | −0.2 |
///
/// clamped to [0, 1]. A perfect fix scores 1.0; a fix whose alert came back scores at most
/// 0.4 + 0.3 − 0.3 + 0.1 = 0.5; an action that resolved nothing and caused new alerts scores 0.
public enum EffectivenessScore {
    /// The score of `signals`.
    public static func score(_ signals: EffectivenessSignals) -> Double {
        var total = 0.0
        if signals.alertResolved { total += 0.4 }
        if signals.targetHealthy { total += 0.3 }
        total += signals.recurred ? -0.3 : 0.2
        total += signals.newAlerts > 0 ? -0.2 : 0.1
        return min(1, max(0, (total * 1000).rounded() / 1000))
    }

    /// Derives the alert-based signals for `entry` from the target's alert observations within
    /// `window` after the action started, then scores them.
    ///
    /// - Parameters:
    ///   - entry: the finished action; its `alert` names the alert it answered.
    ///   - observations: the target's alert observations (any order).
    ///   - targetHealthy: whether the operator found the target healthy.
    ///   - window: the verification window (how long recurrence and new alerts are watched).
    ///   - now: the instant of scoring; only observations up to `now` count.
    public static func signals(
        for entry: ActionEntry, observations: [AlertObservation], targetHealthy: Bool, window: GoDuration,
        now: Date
    ) -> EffectivenessSignals {
        let end = min(now, entry.startedAt.addingTimeInterval(window.timeInterval))
        let after = observations.filter { $0.at > entry.startedAt && $0.at <= end }
            .sorted(by: AlertObservation.canonicalOrder)
        let own = after.filter { $0.name == entry.alert }
        let firstResolution = own.firstIndex { $0.state == .resolved }
        let resolved = own.last?.state == .resolved
        let recurred = firstResolution.map { index in own[index...].contains { $0.state == .firing } } ?? false
        let newAlerts = Set(after.filter { $0.state == .firing && $0.name != entry.alert }.map(\.name)).count
        return EffectivenessSignals(
            alertResolved: resolved, targetHealthy: targetHealthy, recurred: recurred, newAlerts: newAlerts)
    }

    /// Mean effectiveness overall and per action over the scored entries (the ActionHistory
    /// `status.summary.effectiveness`); `nil` fields when nothing is scored yet.
    public static func summary(of entries: [ActionEntry]) -> EffectivenessSummary {
        let scored = entries.compactMap { entry in entry.effectiveness.map { (entry.action, $0) } }
        guard !scored.isEmpty else { return EffectivenessSummary() }
        let overall = scored.map(\.1).reduce(0, +) / Double(scored.count)
        let byAction = Dictionary(grouping: scored, by: { $0.0.rawValue })
            .mapValues { values in values.map(\.1).reduce(0, +) / Double(values.count) }
        return EffectivenessSummary(overall: overall, byAction: byAction)
    }
}
