import Foundation
import Logging

/// How ``AlertReceiver`` hands a notification's alerts to its ``AlertTimelineSink``.
///
/// Inline, next to the RemediationRequest sink, rather than through a queue: the receiver
/// already bounds the work in flight (its concurrency gate) and the time spent (its sink
/// timeout), so the timeline needs no buffer of its own that a restart would lose, and a
/// notification is answered only once its state changes have been written or given up on.
/// It runs concurrently with the request sink, so the answer waits for the slower of the two,
/// never for their sum.
///
/// Guarantees: never throws and never changes the receiver's answer; the sink is cancelled
/// after `timeout`, which is logged (naming the alerts) and counted as `timeout` in
/// `ballast_alert_timeline_writes_total`.
struct AlertTimelineRecorder: Sendable {
    let sink: any AlertTimelineSink
    let timeout: Duration
    let metrics: BallastMetrics?
    let logger: Logger

    /// Records the state changes of `alerts`, received at `now` and mapped by `mapping`.
    func record(_ alerts: [AlertmanagerAlert], mapping: AlertRequestMapping, now: Date) async {
        let timeline = alerts.map { TimelineAlert($0, mapping: mapping, receivedAt: now) }
        do {
            try await withDeadline(timeout) { [sink] in await sink.record(timeline, now: now) }
        } catch {
            metrics?.recordAlertTimelineWrite(result: .timeout)
            logger.warning("recording the alert timeline did not finish in time; a later notification with the same states records them", metadata: [
                "alert": "\(Set(alerts.map(\.name)).sorted().joined(separator: ","))",
                "alerts": "\(alerts.count)", "timeout": "\(timeout)",
            ])
        }
    }
}
