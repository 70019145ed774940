import Prometheus

/// What became of one timeline write (`result` label of `ballast_alert_timeline_writes_total`).
public enum AlertTimelineWriteResult: String, Sendable, CaseIterable {
    /// New state changes were written to a target's ActionHistory.
    case recorded
    /// A target's ActionHistory already held every state change (a repeated notification).
    case unchanged
    /// An alert whose labels name no target, or whose target does not exist: skipped.
    case unresolved
    /// Resolving a target or writing its ActionHistory failed; the changes were not recorded.
    case failed
    /// A notification's timeline did not finish within the receiver's timeout; it was handed
    /// to the ``AlertTimelineBacklog``.
    case timeout
    /// A notification's timeline was given up in the backlog: it waited too long, or a full
    /// backlog pushed it out.
    case expired
}

extension BallastMetrics {
    /// One timeline outcome: `ballast_alert_timeline_writes_total{result}` (per target written,
    /// per alert unresolved, per notification timed out or expired).
    public func recordAlertTimelineWrite(result: AlertTimelineWriteResult) {
        registry.makeCounter(descriptor: MetricFamilies.alertTimelineWrites, labels: [("result", result.rawValue)]).increment()
    }

    /// `ballast_alert_timeline_backlog`: notifications whose timeline waits to be recorded again.
    public func recordAlertTimelineBacklog(_ count: Int) {
        registry.makeGauge(descriptor: MetricFamilies.alertTimelineBacklog).set(to: Double(count))
    }
}
