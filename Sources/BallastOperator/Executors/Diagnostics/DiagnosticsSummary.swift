import Foundation

/// The bounded, read-only picture `collect_diagnostics` gathers for one target: recent events
/// (newest first), the state of its pods' containers, and log excerpts where a kubelet can
/// serve them. Every list and text is bounded (see ``DiagnosticsBounds``), so the summary fits
/// in a status field.
public struct DiagnosticsSummary: Sendable, Hashable, Codable {
    /// `Kind namespace/name` of the target.
    public var target: String
    /// Events about the target and its pods, newest first.
    public var events: [DiagnosticsEvent]
    /// The target's pods (the target itself for a Pod).
    public var pods: [DiagnosticsPod]
    /// Recent log lines per container, when available.
    public var logs: [DiagnosticsLog]
    /// What could not be collected or was cut, e.g. logs without a kubelet.
    public var notes: [String]

    /// Creates a summary.
    public init(target: String, events: [DiagnosticsEvent], pods: [DiagnosticsPod], logs: [DiagnosticsLog], notes: [String]) {
        self.target = target
        self.events = events
        self.pods = pods
        self.logs = logs
        self.notes = notes
    }
}

/// One (possibly aggregated) event.
public struct DiagnosticsEvent: Sendable, Hashable, Codable {
    /// `Kind/name` of the object the event is about.
    public var object: String
    /// `Normal` or `Warning`.
    public var type: String
    /// CamelCase reason, e.g. `BackOff`.
    public var reason: String
    /// The message, cut to ``DiagnosticsBounds/maxMessageLength``.
    public var message: String
    /// How many times it happened.
    public var count: Int32
    /// When it last happened.
    public var lastSeen: Date?
}

/// One pod and its containers.
public struct DiagnosticsPod: Sendable, Hashable, Codable {
    /// The pod's name.
    public var name: String
    /// `Pending`, `Running`, …
    public var phase: String
    /// The node it runs on, if bound.
    public var node: String?
    /// Its containers' states.
    public var containers: [DiagnosticsContainer]
}

/// One container's state, as a kubelet reports it.
public struct DiagnosticsContainer: Sendable, Hashable, Codable {
    /// The container's name.
    public var name: String
    /// Whether it passes its readiness probe.
    public var ready: Bool
    /// How many times it restarted.
    public var restartCount: Int32
    /// `Running`, `Waiting: CrashLoopBackOff`, `Terminated: Error (exit 1)`.
    public var state: String
    /// Why it last terminated, e.g. `OOMKilled (exit 137)`.
    public var lastTermination: String?
}

/// The last lines of one container's log.
public struct DiagnosticsLog: Sendable, Hashable, Codable {
    /// The pod's name.
    public var pod: String
    /// The container's name.
    public var container: String
    /// The lines, oldest first.
    public var lines: [String]
}

/// The bounds every summary respects.
public struct DiagnosticsBounds: Sendable, Hashable {
    /// Events kept.
    public var maxEvents: Int
    /// Pods described.
    public var maxPods: Int
    /// Pods whose logs are read.
    public var maxLogPods: Int
    /// Log lines per container (the `logLines` parameter may lower it).
    public var maxLogLines: Int
    /// Characters per event message or log line.
    public var maxMessageLength: Int

    /// Creates bounds; the defaults keep a summary under about 16 KiB.
    public init(maxEvents: Int = 20, maxPods: Int = 10, maxLogPods: Int = 3, maxLogLines: Int = 20, maxMessageLength: Int = 256) {
        self.maxEvents = maxEvents
        self.maxPods = maxPods
        self.maxLogPods = maxLogPods
        self.maxLogLines = maxLogLines
        self.maxMessageLength = maxMessageLength
    }
}
