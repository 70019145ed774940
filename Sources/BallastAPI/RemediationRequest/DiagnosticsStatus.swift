import Foundation

/// `status.diagnostics` of a ``RemediationRequest``: what `collect_diagnostics` found about the
/// target — its pods' container states, recent Events, the last lines of container logs, and
/// notes on what could not be collected or was cut.
///
/// Bounded by the CRD schema and by the operator, which never writes more than
/// ``DiagnosticsLimits`` allows (most severe and newest first); the encoded field stays under
/// ``DiagnosticsLimits/worstCaseBytes``.
public struct DiagnosticsStatus: Codable, Sendable, Hashable {
    /// When the operator collected it.
    public var collectedAt: Date
    /// The target's pods (the target itself for a Pod, the pods bound to a Node), most severe first.
    public var pods: [DiagnosticsPod]
    /// Events about the target and its pods: warnings first, then newest first.
    public var events: [DiagnosticsEvent]
    /// The last lines of containers' logs, where a kubelet could serve them.
    public var logs: [DiagnosticsLog]
    /// What could not be collected or was cut, e.g. `logs of web-1/app unavailable: …`.
    public var notes: [String]

    /// Creates a diagnostics record.
    public init(
        collectedAt: Date, pods: [DiagnosticsPod] = [], events: [DiagnosticsEvent] = [], logs: [DiagnosticsLog] = [],
        notes: [String] = []
    ) {
        self.collectedAt = collectedAt
        self.pods = pods
        self.events = events
        self.logs = logs
        self.notes = notes
    }
}

/// One pod and the state of its containers, as its kubelet reports them.
public struct DiagnosticsPod: Codable, Sendable, Hashable {
    /// The pod's name.
    public var name: String
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    public var phase: String
    /// The node it is bound to, if any.
    public var node: String?
    /// Its containers, in the pod's order.
    public var containers: [DiagnosticsContainer]

    /// Creates a pod record.
    public init(name: String, phase: String, node: String? = nil, containers: [DiagnosticsContainer] = []) {
        self.name = name
        self.phase = phase
        self.node = node
        self.containers = containers
    }
}

/// One container's state.
public struct DiagnosticsContainer: Codable, Sendable, Hashable {
    /// The container's name.
    public var name: String
    /// Whether it passes its readiness probe.
    public var ready: Bool
    /// How many times it restarted.
    public var restartCount: Int32
    /// `Running`, `Waiting: CrashLoopBackOff`, `Terminated: Error (exit 1)` or `Unknown`.
    public var state: String
    /// Why its previous instance ended, e.g. `OOMKilled (exit 137)`.
    public var lastTermination: String?

    /// Creates a container record.
    public init(name: String, ready: Bool, restartCount: Int32, state: String, lastTermination: String? = nil) {
        self.name = name
        self.ready = ready
        self.restartCount = restartCount
        self.state = state
        self.lastTermination = lastTermination
    }
}

/// One (possibly aggregated) Event.
public struct DiagnosticsEvent: Codable, Sendable, Hashable {
    /// `Kind/name` of the object the Event is about, e.g. `Pod/web-7d4b9c6f5-8kz2m`.
    public var object: String
    /// `Normal` or `Warning`.
    public var type: String
    /// The Event's CamelCase reason, e.g. `BackOff`.
    public var reason: String
    /// The Event's message (cut, with a trailing `…`, when too long).
    public var message: String
    /// How many times it occurred.
    public var count: Int32
    /// When it last occurred.
    public var lastSeen: Date?

    /// Creates an event record.
    public init(object: String, type: String, reason: String, message: String, count: Int32, lastSeen: Date? = nil) {
        self.object = object
        self.type = type
        self.reason = reason
        self.message = message
        self.count = count
        self.lastSeen = lastSeen
    }

    /// Whether the Event is a `Warning`.
    public var isWarning: Bool { type == "Warning" }
}

/// The last lines of one container's log.
public struct DiagnosticsLog: Codable, Sendable, Hashable {
    /// The pod's name.
    public var pod: String
    /// The container's name.
    public var container: String
    /// The lines, oldest first; the newest line is last.
    public var lines: [String]

    /// Creates a log excerpt.
    public init(pod: String, container: String, lines: [String]) {
        self.pod = pod
        self.container = container
        self.lines = lines
    }
}
