import Foundation
import KubeTypes
import Logging

/// Turns one webhook body into sink calls and an HTTP answer. Independent of the HTTP server.
///
/// Guarantees:
/// - a malformed or invalid body gets 400 naming every bad field, and reaches the sink not at all;
/// - every alert of a valid body whose request namespace is in ``Configuration/scope`` goes to
///   the sink in order; the whole notification is bounded by ``Configuration/sinkTimeout``;
/// - an alert whose request namespace is outside the scope is not recorded: it is logged,
///   counted as `outOfScope` and named in the 200 answer;
/// - an alert the sink rejects for good (``AlertRejected``: invalid, namespace missing or
///   terminating) is logged, counted as `rejected` and named in the 200 answer; the
///   other alerts are recorded, and Alertmanager does not retry the notification;
/// - any other sink error, or the timeout, gets 503 with `Retry-After`, so Alertmanager retries
///   the notification (sinks are idempotent, so already-recorded alerts are not duplicated as
///   requests);
/// - at most ``Configuration/maxConcurrentNotifications`` notifications are read, parsed and
///   recorded at once (the place is taken before the body is read, see
///   ``receive(now:readingBody:)``); more get 503 immediately instead of queueing, so a storm
///   cannot pile up work or memory;
/// - with a timeline sink, every alert of a valid body inside the scope is also handed to it,
///   concurrently with the request sink and bounded by the same timeout (``AlertTimelineRecorder``); what
///   outlasts the timeout is recorded again in the background (``runTimelineBacklog()``);
///   whatever happens there never changes the answer;
/// - it never throws and never traps.
public struct AlertReceiver: Sendable {
    /// The webhook path Alertmanager posts to (`webhook_configs[].url: http://HOST:PORT/api/v1/alerts`).
    public static let webhookPath = "/api/v1/alerts"

    /// How the receiver behaves.
    public struct Configuration: Sendable {
        /// Size bounds.
        public var limits: ReceiverLimits
        /// Where requests go.
        public var namespacePolicy: RequestNamespacePolicy
        /// The namespaces the operator reconciles (empty: all). A request outside them would
        /// never be reconciled yet would absorb later firings by deduplication, so it is not created.
        public var scope: NamespaceScope
        /// Upper bound for recording one notification's alerts (default 10 s).
        public var sinkTimeout: Duration
        /// Seconds Alertmanager is asked to wait before retrying after a 503 (default 5).
        public var retryAfterSeconds: Int
        /// Notifications processed at once; more are turned away with 503 (default 8).
        public var maxConcurrentNotifications: Int
        /// Bounds of the timelines waiting to be recorded again (default 1,000 notifications, 1 hour).
        public var timelineBacklog: AlertTimelineBacklog.Limits

        /// Creates a configuration; everything but the namespace policy has a default (the scope:
        /// every namespace).
        public init(
            namespacePolicy: RequestNamespacePolicy, scope: NamespaceScope = NamespaceScope(),
            limits: ReceiverLimits = ReceiverLimits(),
            sinkTimeout: Duration = .seconds(10), retryAfterSeconds: Int = 5, maxConcurrentNotifications: Int = 8,
            timelineBacklog: AlertTimelineBacklog.Limits = AlertTimelineBacklog.Limits()
        ) {
            self.limits = limits
            self.namespacePolicy = namespacePolicy
            self.scope = scope
            self.sinkTimeout = sinkTimeout
            self.retryAfterSeconds = retryAfterSeconds
            self.maxConcurrentNotifications = maxConcurrentNotifications
            self.timelineBacklog = timelineBacklog
        }
    }

    private let sink: any RemediationRequestSink
    private let configuration: Configuration
    private let metrics: BallastMetrics?
    private let logger: Logger
    private let gate: ConcurrencyGate
    private let timeline: AlertTimelineRecorder?

    /// Creates a receiver writing to `sink` and, when given, the alerts' state changes to
    /// `timeline` and counts into `metrics`.
    public init(
        sink: any RemediationRequestSink, timeline: (any AlertTimelineSink)? = nil, configuration: Configuration,
        metrics: BallastMetrics? = nil, logger: Logger = Logger(label: "ballast.receiver")
    ) {
        self.sink = sink
        self.timeline = timeline.map {
            AlertTimelineRecorder(
                sink: $0,
                backlog: AlertTimelineBacklog(limits: configuration.timelineBacklog, metrics: metrics, logger: logger),
                timeout: configuration.sinkTimeout, metrics: metrics, logger: logger)
        }
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        self.gate = ConcurrencyGate(limit: configuration.maxConcurrentNotifications)
    }

    /// Records the timelines that outlasted the timeout again (``AlertTimelineBacklog``) until
    /// the calling task is cancelled; returns at once when the receiver has no timeline sink.
    /// The operator runs it beside the receiver's listener.
    public func runTimelineBacklog() async {
        guard let timeline else { return }
        await timeline.backlog.run(sink: timeline.sink)
    }

    /// The timelines waiting in the backlog now (0 without a timeline sink).
    public var timelineBacklogCount: Int { timeline?.backlog.count ?? 0 }

    /// The body-size bound the HTTP layer must enforce while reading the body.
    public var maxBodyBytes: Int { configuration.limits.maxBodyBytes }

    /// The `Retry-After` seconds of every 503 this receiver's endpoint answers.
    public var retryAfterSeconds: Int { configuration.retryAfterSeconds }

    /// Processes one webhook body received at `now`; see the type's guarantees.
    public func receive(body: [UInt8], now: Date = Date()) async -> ReceiverReply {
        await receive(now: now) { .bytes(body) }
    }

    /// Processes one notification whose body `read` produces, received at `now`: takes one of the
    /// ``Configuration/maxConcurrentNotifications`` places *before* calling `read`, and gives it
    /// back on every path (answer, refusal, cancellation), so no more bodies than that are read,
    /// parsed or recorded at once. When all places are taken, `read` is not called and the answer
    /// is 503. Every answer is counted in the notification metric.
    public func receive(now: Date = Date(), readingBody read: () async -> NotificationBody) async -> ReceiverReply {
        guard gate.enter() else {
            return refuse(.unavailable("too many notifications in progress; retry later", retryAfter: configuration.retryAfterSeconds))
        }
        defer { gate.leave() }
        switch await read() {
        case .refused(let reply):
            return refuse(reply)
        case .bytes(let body):
            let reply = await process(body: body, now: now)
            metrics?.recordNotification(code: reply.status)
            return reply
        }
    }

    /// A reply for a body the HTTP layer refused before reading it (too large, unauthenticated),
    /// counted in the notification metric like every other answer.
    public func refuse(_ reply: ReceiverReply) -> ReceiverReply {
        metrics?.recordNotification(code: reply.status)
        return reply
    }

    private func process(body: [UInt8], now: Date) async -> ReceiverReply {
        let webhook: AlertmanagerWebhook
        do {
            webhook = try AlertmanagerWebhook.parse(body, limits: configuration.limits)
        } catch {
            logger.warning("rejected Alertmanager notification", metadata: ["error": "\(error)"])
            return .badRequest(error.description)
        }
        if webhook.truncatedAlerts > 0 {
            logger.warning("Alertmanager left alerts out of a notification; raise max_alerts on its webhook_config", metadata: [
                "truncatedAlerts": "\(webhook.truncatedAlerts)", "groupKey": "\(webhook.groupKey)",
            ])
        }
        let mapping = AlertRequestMapping(namespacePolicy: configuration.namespacePolicy, limits: configuration.limits)
        // The timeline writes the target's ActionHistory: only inside the operator's namespaces,
        // as requests are (an empty batch writes nothing).
        let inScope = webhook.alerts.filter { isInScope(mapping.namespace(for: $0)) }
        async let timelineRecorded: Void? = inScope.isEmpty ? nil : timeline?.record(inScope, mapping: mapping, now: now)
        let reply = await recordRequests(webhook.alerts.map { mapping.map($0, receivedAt: now) })
        _ = await timelineRecorded
        return reply
    }

    /// Whether a request (and an alert-timeline row) may be written in `namespace`: one of the
    /// operator's namespaces.
    private func isInScope(_ namespace: String) -> Bool { configuration.scope.contains(namespace) }

    /// The requests' part of a notification: the sink, bounded by the timeout, and the answer.
    private func recordRequests(_ alerts: [ReceivedAlert]) async -> ReceiverReply {
        do {
            let summary = try await withDeadline(configuration.sinkTimeout) { [self] in
                try await record(alerts)
            }
            return .ok(summary.description)
        } catch let failure as SinkFailure {
            logger.error("could not record alerts", metadata: ["error": "\(failure)"])
            return .unavailable(failure.description, retryAfter: configuration.retryAfterSeconds)
        } catch {
            let message = "recording \(alerts.count) alert(s) did not finish within \(configuration.sinkTimeout)"
            logger.error("\(message)")
            return .unavailable(message, retryAfter: configuration.retryAfterSeconds)
        }
    }

    private func record(_ alerts: [ReceivedAlert]) async throws -> ReceiptSummary {
        var summary = ReceiptSummary()
        for (index, alert) in alerts.enumerated() {
            try Task.checkCancellation()
            let name = "alerts[\(index)] (fingerprint \(alert.fingerprint))"
            guard isInScope(alert.namespace) else {
                logger.warning("alert outside the operator's namespaces; no request created", metadata: [
                    "alert": "\(name)", "namespace": "\(alert.namespace)",
                ])
                summary.refuse(.outOfScope, alert: name, reason: "namespace \(alert.namespace) is outside the operator's namespaces")
                metrics?.recordReceivedAlert(status: alert.status, result: .outOfScope)
                continue
            }
            do {
                let result = try await deliver(alert)
                summary.count(result)
                metrics?.recordReceivedAlert(status: alert.status, result: result)
            } catch is CancellationError {
                throw CancellationError()
            } catch let rejection as AlertRejected {
                logger.warning("alert rejected by the API server; Alertmanager will not retry it", metadata: [
                    "alert": "\(name)", "namespace": "\(alert.namespace)", "reason": "\(rejection.reason)",
                ])
                summary.refuse(.rejected, alert: name, reason: rejection.reason)
                metrics?.recordReceivedAlert(status: alert.status, result: .rejected)
            } catch {
                throw SinkFailure(index: index, fingerprint: alert.fingerprint, underlying: "\(error)")
            }
        }
        return summary
    }

    private func deliver(_ alert: ReceivedAlert) async throws -> ReceivedAlertResult {
        switch alert {
        case .firing(let firing):
            switch try await sink.createOrDeduplicate(firing) {
            case .created: return .created
            case .deduplicated: return .deduplicated
            }
        case .resolved(let resolved):
            let marked = try await sink.markResolved(resolved)
            // ballast_alert_resolution_duration_seconds is the reconciler's to record, once, when
            // the request settles (RemediationReconciler.settled).
            return marked.isEmpty ? .unmatched : .resolved
        }
    }
}

/// A notification body as the HTTP layer read it, or the answer refusing it unread (too large,
/// unreadable).
public enum NotificationBody: Sendable {
    /// The whole body.
    case bytes([UInt8])
    /// The body could not be read; this is the answer.
    case refused(ReceiverReply)
}

/// The sink failed on one alert of a notification.
struct SinkFailure: Error, CustomStringConvertible {
    let index: Int
    let fingerprint: String
    let underlying: String

    var description: String { "alerts[\(index)] (fingerprint \(fingerprint)): not recorded: \(underlying)" }
}

extension ReceivedAlert {
    /// Firing or resolved, as Alertmanager says it.
    var status: AlertmanagerAlert.Status {
        switch self {
        case .firing: .firing
        case .resolved: .resolved
        }
    }
}
