import Foundation
import Logging

/// How ``AlertReceiver`` hands a notification's alerts to its ``AlertTimelineSink``.
///
/// Inline, next to the RemediationRequest sink: the receiver already bounds the work in flight
/// (its concurrency gate) and the time spent (its sink timeout), and the common case — the API
/// server answering — needs no buffer that a restart would lose. It runs concurrently with the
/// request sink, so the answer waits for the slower of the two, never for their sum. Only a
/// notification whose timeline outlasts the timeout goes to the ``AlertTimelineBacklog``, which
/// records it again in the background.
///
/// Guarantees: never throws and never changes the receiver's answer; the sink is cancelled
/// after `timeout`, which is logged (naming the alerts), counted as `timeout` in
/// `ballast_alert_timeline_writes_total`, and followed by handing the notification's timeline
/// to `backlog`.
struct AlertTimelineRecorder: Sendable {
    let sink: any AlertTimelineSink
    let backlog: AlertTimelineBacklog
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
            logger.warning("recording the alert timeline did not finish in time; it is recorded again in the background", metadata: [
                "alert": "\(Set(alerts.map(\.name)).sorted().joined(separator: ","))",
                "alerts": "\(alerts.count)", "timeout": "\(timeout)",
            ])
            backlog.add(timeline, receivedAt: now)
        }
    }
}
