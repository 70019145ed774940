import BallastAPI
import Foundation
import KubeClient
import KubeTypes
import Logging

/// The ``AlertTimelineSink`` the operator runs with: each alert's state change is appended to
/// the `status.alerts` of its target's ActionHistory in the API server.
///
/// Guarantees:
/// - **The target is the request's.** It is resolved from the alert's labels relative to the
///   namespace its RemediationRequest lives in, with the RemediationRequest reconciler's own
///   ``TargetResolver`` and ``TargetReader/lookup(_:)`` (a pod becomes the top of its controller
///   owner chain), so the timeline lands on the history the reconciler reads.
/// - **One write per target.** A notification's alerts are grouped by target and each group is
///   one ``HistoryLedger/recordAlerts(_:target:now:)`` call: idempotent, conditional, and
///   creating the history only when there is something to record.
/// - **Never fails the receiver.** An alert that names no target, or a target that does not
///   exist, is skipped with a debug log (`unresolved`); a lookup or write error is logged as a
///   warning naming the alerts and the target (`failed`); every outcome is counted in
///   `ballast_alert_timeline_writes_total{result}`.
/// - **Transient failures are retried** (``TimelineRetry``: timeouts, 429, 5xx, no answer — an
///   API server restarting) with backoff until the receiver's timeout, so a one-off resolution
///   survives a short outage; each retry is logged. What outlasts the timeout is counted as
///   `timeout` and recorded again from the receiver's ``AlertTimelineBacklog`` (idempotently).
/// - Stops between calls once its task is cancelled (the receiver's timeout, which the receiver
///   logs and counts as `timeout`; a call cut short by it is not counted again as `failed`).
public struct KubeAlertTimelineSink: AlertTimelineSink {
    /// The field manager recorded on every write.
    public static let fieldManager = "ballast-receiver"

    private let ledger: HistoryLedger
    private let reader: TargetReader
    private let metrics: BallastMetrics?
    private let logger: Logger
    private let retry: TimelineRetry

    /// Creates a sink writing through `client`; histories of cluster-scoped targets (nodes) live
    /// in `operatorNamespace`, as the reconcilers keep them. Transient failures are retried by `retry`.
    public init(
        client: KubeClient, operatorNamespace: String, metrics: BallastMetrics? = nil,
        logger: Logger = Logger(label: "ballast.receiver.timeline"), retry: TimelineRetry = TimelineRetry()
    ) {
        self.ledger = HistoryLedger(client: client, operatorNamespace: operatorNamespace, fieldManager: Self.fieldManager, logger: logger)
        self.reader = TargetReader(client: client)
        self.metrics = metrics
        self.logger = logger
        self.retry = retry
    }

    /// See ``AlertTimelineSink/record(_:now:)``.
    public func record(_ alerts: [TimelineAlert], now: Date) async {
        for group in await byTarget(alerts) {
            guard !Task.isCancelled else { return }
            await write(group.alerts, on: group.target, now: now)
        }
    }

    /// The alerts grouped by the history of their resolved target, in order of first appearance;
    /// alerts without one are left out (logged and counted). Each distinct candidate is looked up
    /// once per notification. Empty once the task is cancelled.
    private func byTarget(_ alerts: [TimelineAlert]) async -> [(target: TargetReference, alerts: [TimelineAlert])] {
        var groups: [(target: TargetReference, alerts: [TimelineAlert])] = []
        var groupOf: [ObjectKey: Int] = [:]
        var found: [TargetCandidate: TargetReference?] = [:]
        for alert in alerts {
            guard !Task.isCancelled else { return [] }
            guard let candidate = candidate(of: alert) else { continue }
            let target: TargetReference?
            if let known = found[candidate] {
                target = known
            } else {
                target = await lookup(candidate, for: alert)
                found.updateValue(target, forKey: candidate)
            }
            guard let target else { continue }
            let key = ledger.location(of: target)
            if let index = groupOf[key] {
                groups[index].alerts.append(alert)
            } else {
                groupOf[key] = groups.count
                groups.append((target, [alert]))
            }
        }
        return groups
    }

    /// What the alert's labels name, or `nil` (logged and counted as `unresolved`).
    private func candidate(of alert: TimelineAlert) -> TargetCandidate? {
        switch TargetResolver.resolve(alert.requestSpec, requestNamespace: alert.namespace) {
        case .success(let candidate):
            return candidate
        case .failure(let problem):
            unresolved(alert, because: problem.message)
            return nil
        }
    }

    /// The live target the candidate names; `nil` when it does not exist or cannot be read
    /// (each logged and counted). A `nil` result is remembered for the rest of the notification.
    private func lookup(_ candidate: TargetCandidate, for alert: TimelineAlert) async -> TargetReference? {
        do throws(KubeError) {
            let lookup = try await retry.run(onRetry: retrying("resolve the target of an alert", [alert])) { () throws(KubeError) in
                try await reader.lookup(candidate).lookup
            }
            switch lookup {
            case .found(let target):
                return target
            case .missing(let message):
                unresolved(alert, because: message)
                return nil
            }
        } catch {
            // Cancelled by the receiver's timeout: it reports that once for the notification.
            guard !Task.isCancelled else { return nil }
            metrics?.recordAlertTimelineWrite(result: .failed)
            logger.warning("could not resolve the target of an alert for its timeline", metadata: Self.metadata([alert]).merging([
                "error": "\(error)",
            ]) { $1 })
            return nil
        }
    }

    private func write(_ alerts: [TimelineAlert], on target: TargetReference, now: Date) async {
        var metadata = Self.metadata(alerts)
        metadata["target"] = "\(target.kind) \(target.namespace.map { "\($0)/" } ?? "")\(target.name)"
        do throws(KubeError) {
            let edit = try await retry.run(onRetry: retrying("record alert state changes", alerts)) { () throws(KubeError) in
                try await ledger.recordAlerts(alerts.flatMap(\.observations), target: target, now: now)
            }
            switch edit {
            case .changed:
                metrics?.recordAlertTimelineWrite(result: .recorded)
                logger.debug("recorded alert state changes on the target's ActionHistory", metadata: metadata)
            case .unchanged, .missing:
                metrics?.recordAlertTimelineWrite(result: .unchanged)
            }
        } catch {
            guard !Task.isCancelled else { return }
            metadata["error"] = "\(error)"
            metrics?.recordAlertTimelineWrite(result: .failed)
            logger.warning("could not record alert state changes on the target's ActionHistory", metadata: metadata)
        }
    }

    private func unresolved(_ alert: TimelineAlert, because reason: String) {
        metrics?.recordAlertTimelineWrite(result: .unresolved)
        logger.debug("alert names no existing target; not recorded in any timeline", metadata: Self.metadata([alert]).merging([
            "reason": "\(reason)",
        ]) { $1 })
    }

    /// Logs a transient failure of `what` that is about to be retried.
    private func retrying(_ what: String, _ alerts: [TimelineAlert]) -> (KubeError, Duration) -> Void {
        { [logger] error, pause in
            logger.info("could not \(what); retrying", metadata: Self.metadata(alerts).merging([
                "error": "\(error)", "retryIn": "\(pause)",
            ]) { $1 })
        }
    }

    /// `alert`, `fingerprint`, `state`: comma-separated over `alerts`.
    private static func metadata(_ alerts: [TimelineAlert]) -> Logger.Metadata {
        [
            "alert": "\(alerts.map(\.observation.name).joined(separator: ","))",
            "fingerprint": "\(alerts.map { $0.observation.fingerprint ?? "" }.joined(separator: ","))",
            "state": "\(alerts.map(\.observation.state.rawValue).joined(separator: ","))",
            "namespace": "\(alerts.first?.namespace ?? "")",
        ]
    }
}
