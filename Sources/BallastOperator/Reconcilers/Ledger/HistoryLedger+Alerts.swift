import BallastAPI
import BallastCore
import Foundation
import KubeClient
import KubeTypes

/// The alert timeline: the receiver's writes of `status.alerts`.
extension HistoryLedger {
    /// Records the state changes among `observations` in the `status.alerts` of the history of
    /// `target`, as ``AlertTimeline/recording(_:in:retention:now:)`` decides, creating the
    /// history when a change is to be recorded and there is none.
    ///
    /// Guarantees: idempotent (a repeated notification reads, finds nothing new and writes
    /// nothing; no history is created for observations that record nothing); the write is the
    /// ledger's conditional read–compute–write, so concurrent writers (the reconcilers, other
    /// receivers) lose nothing and a conflict recomputes from the newer status.
    /// - Returns: `.changed` with the written status, or `.unchanged` when nothing was new.
    /// - Throws: ``KubeError`` from the API server; `.conflict` after ``maxAttempts`` rounds.
    @discardableResult
    public func recordAlerts(
        _ observations: [AlertObservation], target: TargetReference, now: Date
    ) async throws(KubeError) -> LedgerEdit {
        let current = try await history(of: target)
        let retention = Retention(current?.spec.retention)
        // Most notifications are repeats: one read, no write, no history created for nothing.
        // (The read is remembered, so a change is computed from it without reading again.)
        guard AlertTimeline.recording(observations, in: current?.status?.alerts ?? [], retention: retention, now: now) != nil else {
            return .unchanged
        }
        return try await edit(target, create: true, what: "record \(observations.count) alert state(s)") { status in
            guard let alerts = AlertTimeline.recording(observations, in: status.alerts ?? [], retention: retention, now: now) else {
                return .unchanged
            }
            var updated = status
            updated.alerts = alerts
            return .changed(updated)
        }
    }
}
