import DequeModule
import Foundation
import Logging
import Synchronization

/// Notification timelines that did not finish within the receiver's timeout (an API server
/// outage longer than it, say), recorded again in the background until they land.
///
/// Without it, a one-off state change — a resolution Alertmanager sends once — would be lost
/// whenever the API server is unavailable for longer than the receiver may hold a notification,
/// and Flapping and CascadingFailure detection would never see that episode's end.
///
/// Guarantees:
/// - **Bounded.** At most ``Limits/capacity`` notifications wait; a new one pushes out the
///   oldest. A notification waits at most ``Limits/maxAge``; then it is given up. Both are
///   logged (naming the alerts) and counted as `expired` in `ballast_alert_timeline_writes_total`;
///   `ballast_alert_timeline_backlog` is the number waiting.
/// - **Safe to repeat.** Timeline writes are idempotent and ignore states older than the last
///   one recorded, so recording a notification again — partly written before, or overtaken by a
///   newer notification — never duplicates or reorders a row.
/// - **One at a time, oldest first.** ``run(sink:)`` records each waiting notification with the
///   sink's own retries (an outage holds the queue, not a busy loop) until it lands, fails for
///   good, or expires.
/// - **In memory.** A restart of the operator loses what waits (logged at shutdown); a later
///   notification still carrying the state records it.
public final class AlertTimelineBacklog: Sendable {
    /// The bounds of a backlog.
    public struct Limits: Sendable, Hashable {
        /// Notifications waiting at most (default 1,000).
        public var capacity: Int
        /// How long a notification may wait (default 1 hour): long enough for an API server
        /// upgrade or a control-plane failover, short of rewriting what Alertmanager has re-sent since.
        public var maxAge: Duration

        /// Bounds with the defaults above; `capacity` is at least 1.
        public init(capacity: Int = 1_000, maxAge: Duration = .seconds(3_600)) {
            self.capacity = max(1, capacity)
            self.maxAge = maxAge
        }
    }

    /// One notification's timeline, waiting.
    struct Waiting: Sendable {
        var alerts: [TimelineAlert]
        /// When the notification arrived (the timeline's `now`).
        var receivedAt: Date
        /// When it was handed to the backlog.
        var deferredAt: ContinuousClock.Instant
    }

    /// The bounds.
    public let limits: Limits
    /// Oldest first; the one being recorded is taken out, so a full backlog never pushes it out.
    private let queue = Mutex(Deque<Waiting>())
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let metrics: BallastMetrics?
    private let logger: Logger

    /// An empty backlog.
    public init(limits: Limits = Limits(), metrics: BallastMetrics? = nil, logger: Logger = Logger(label: "ballast.receiver.timeline")) {
        self.limits = limits
        self.metrics = metrics
        self.logger = logger
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        metrics?.recordAlertTimelineBacklog(0)
    }

    /// Notifications waiting now, besides the one being recorded.
    public var count: Int { queue.withLock { $0.count } }

    /// Queues `alerts`, received at `receivedAt`, to be recorded again; pushes out the oldest
    /// waiting notification when the backlog is full.
    func add(_ alerts: [TimelineAlert], receivedAt: Date) {
        let (pushedOut, count) = queue.withLock { queue in
            queue.append(Waiting(alerts: alerts, receivedAt: receivedAt, deferredAt: .now))
            let pushedOut = queue.count > limits.capacity ? queue.popFirst() : nil
            return (pushedOut, queue.count)
        }
        metrics?.recordAlertTimelineBacklog(count)
        if let pushedOut { expire(pushedOut, because: "the backlog is full (\(limits.capacity) notifications)") }
        wake.yield()
    }

    /// Records waiting notifications through `sink`, oldest first, whenever some are added,
    /// until the calling task is cancelled; then logs how many are left unrecorded.
    public func run(sink: any AlertTimelineSink) async {
        for await _ in wakeUps {
            guard await drain(into: sink) else { break }
        }
        let left = count
        metrics?.recordAlertTimelineBacklog(left)
        if left > 0 {
            logger.warning("stopping with alert timeline changes not recorded; a notification still carrying them records them", metadata: [
                "notifications": "\(left)",
            ])
        }
    }

    /// Records every waiting notification through `sink`, oldest first, each until it lands,
    /// fails for good, or has waited ``Limits/maxAge`` (then it is given up).
    /// - Returns: `false` when the calling task was cancelled; the notification in hand is then
    ///   put back first in line.
    func drain(into sink: any AlertTimelineSink) async -> Bool {
        while let next = queue.withLock({ $0.popFirst() }) {
            metrics?.recordAlertTimelineBacklog(count + 1)
            let remaining = limits.maxAge - (ContinuousClock.now - next.deferredAt)
            // Finished: landed, or failed for good (the sink counts both itself).
            var finished = false
            if remaining > .zero {
                finished = (try? await withDeadline(remaining) { await sink.record(next.alerts, now: next.receivedAt) }) != nil
            }
            // A sink cut short by cancellation returns as if finished: stopping puts the
            // notification back (recording it again later would change nothing if it landed).
            if Task.isCancelled {
                queue.withLock { $0.prepend(next) }
                return false
            }
            if !finished { expire(next, because: "it waited \(limits.maxAge)") }
            metrics?.recordAlertTimelineBacklog(count)
        }
        return !Task.isCancelled
    }

    private func expire(_ notification: Waiting, because reason: String) {
        metrics?.recordAlertTimelineWrite(result: .expired)
        logger.warning("gave up recording alert timeline changes: \(reason)", metadata: [
            "alert": "\(Set(notification.alerts.map(\.observation.name)).sorted().joined(separator: ","))",
            "alerts": "\(notification.alerts.count)",
        ])
    }
}
