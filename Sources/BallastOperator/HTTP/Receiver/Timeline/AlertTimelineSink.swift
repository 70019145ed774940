import BallastAPI
import Foundation

/// Where the receiver records the alert state changes it sees on the alerts' targets: the
/// seam between the receiver and the targets' ActionHistories (`status.alerts`).
///
/// The operator plugs in ``KubeAlertTimelineSink``; tests use an in-memory one. The timeline is
/// secondary to the RemediationRequests: an implementation never throws, reports its failures
/// itself (log and metric), and must honour task cancellation (the receiver cancels it at its
/// timeout).
public protocol AlertTimelineSink: Sendable {
    /// Records the state changes among `alerts` (one notification's alerts, in the order
    /// Alertmanager sent them) on each alert's target; `now` is when the notification arrived.
    func record(_ alerts: [TimelineAlert], now: Date) async
}

/// One alert of a notification, as the timeline needs it: what identifies its target and the
/// state change it reports.
public struct TimelineAlert: Sendable, Hashable {
    /// The namespace a RemediationRequest for the alert lives in (``AlertRequestMapping``); the
    /// target is resolved relative to it, exactly as for the request.
    public var namespace: String
    /// The alert's labels, which name the target.
    public var labels: [String: String]
    /// The state change: Firing at `startsAt` or Resolved at `endsAt`.
    public var observation: AlertObservation
    /// For a resolved alert, the Firing at `startsAt` its episode began with
    /// (``AlertTimeline/episodeStart(of:receivedAt:)``).
    public var episodeStart: AlertObservation?

    /// Creates a timeline alert from parts.
    public init(namespace: String, labels: [String: String], observation: AlertObservation, episodeStart: AlertObservation? = nil) {
        self.namespace = namespace
        self.labels = labels
        self.observation = observation
        self.episodeStart = episodeStart
    }

    /// What the timeline is asked to record, oldest first: the episode's start, if any, and the state.
    public var observations: [AlertObservation] { (episodeStart.map { [$0] } ?? []) + [observation] }

    /// The timeline's view of a validated `alert` under `mapping`, received at `receivedAt`.
    public init(_ alert: AlertmanagerAlert, mapping: AlertRequestMapping, receivedAt: Date) {
        self.init(
            namespace: mapping.namespace(for: alert), labels: alert.labels,
            observation: AlertTimeline.observation(of: alert, receivedAt: receivedAt),
            episodeStart: AlertTimeline.episodeStart(of: alert, receivedAt: receivedAt))
    }

    /// The spec a receiver-created request for this alert would have, as far as target
    /// resolution reads it (no explicit target: the labels name it).
    public var requestSpec: RemediationRequestSpec {
        RemediationRequestSpec(alert: AlertInfo(name: observation.name, fingerprint: observation.fingerprint, labels: labels))
    }
}
