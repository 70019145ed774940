import BallastAPI
import Foundation
import KubeTypes

/// A firing alert turned into what a RemediationRequest for it must contain.
///
/// Produced by ``AlertRequestMapping``; consumed by a ``RemediationRequestSink``, which creates
/// the request (named ``baseName`` or, when earlier requests for the same fingerprint have
/// finished, a numbered variant) or folds the alert into the active one.
public struct FiringAlert: Sendable, Hashable {
    /// Where the request lives.
    public var namespace: String
    /// The deterministic DNS-1123 name for the first request of this alert.
    public var baseName: String
    /// Alertmanager's fingerprint: the deduplication key.
    public var fingerprint: String
    /// Labels to put on the request's metadata (fingerprint, alert name, source) so requests for
    /// one fingerprint can be listed with a label selector.
    public var metadataLabels: [String: String]
    /// The request's spec (alert information only; target and action are resolved later).
    public var spec: RemediationRequestSpec
    /// When the receiver got the notification (becomes `status.deduplication.lastSeen`).
    public var receivedAt: Date

    /// Creates a firing alert; see ``AlertRequestMapping`` for how the values are derived.
    public init(
        namespace: String, baseName: String, fingerprint: String, metadataLabels: [String: String],
        spec: RemediationRequestSpec, receivedAt: Date
    ) {
        self.namespace = namespace
        self.baseName = baseName
        self.fingerprint = fingerprint
        self.metadataLabels = metadataLabels
        self.spec = spec
        self.receivedAt = receivedAt
    }
}

/// A resolved alert: the requests for its fingerprint get `status.verification.alertResolved`.
public struct ResolvedAlert: Sendable, Hashable {
    /// Where the requests for it live.
    public var namespace: String
    /// Alertmanager's fingerprint.
    public var fingerprint: String
    /// The alert's name, for messages and metrics.
    public var alertName: String
    /// When it started firing.
    public var startsAt: Date
    /// When it stopped firing (the notification's `endsAt`, or the receive time when absent).
    public var resolvedAt: Date

    /// Creates a resolved alert.
    public init(namespace: String, fingerprint: String, alertName: String, startsAt: Date, resolvedAt: Date) {
        self.namespace = namespace
        self.fingerprint = fingerprint
        self.alertName = alertName
        self.startsAt = startsAt
        self.resolvedAt = resolvedAt
    }
}

/// One alert of a notification, ready for the sink.
public enum ReceivedAlert: Sendable, Hashable {
    /// A firing alert: create or deduplicate a request.
    case firing(FiringAlert)
    /// A resolved alert: mark the matching requests' verification.
    case resolved(ResolvedAlert)

    /// The fingerprint of either kind.
    public var fingerprint: String {
        switch self {
        case .firing(let alert): alert.fingerprint
        case .resolved(let alert): alert.fingerprint
        }
    }

    /// The namespace of the request(s) for either kind.
    public var namespace: String {
        switch self {
        case .firing(let alert): alert.namespace
        case .resolved(let alert): alert.namespace
        }
    }
}
