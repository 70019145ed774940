import BallastAPI

/// The bounds a `collect_diagnostics` summary respects: at most the schema's
/// ``DiagnosticsLimits`` (larger values are lowered to them), possibly less.
public struct DiagnosticsBounds: Sendable, Hashable {
    /// Pods described.
    public var maxPods: Int
    /// Containers described per pod.
    public var maxContainers: Int
    /// Events kept.
    public var maxEvents: Int
    /// Log excerpts read (one per container; each read counts, even when it yields a note).
    public var maxLogs: Int
    /// Lines per log excerpt (the `logLines` parameter may lower it).
    public var maxLogLines: Int
    /// Stored bytes of one excerpt's lines together (see ``StoredText``).
    public var maxLogBytes: Int
    /// Stored bytes of an Event's message.
    public var maxMessageBytes: Int
    /// Objects read per listing (the target's pods, the Events of one object): one page of this
    /// size; when the API server has more, the summary's notes say which listing was cut.
    public var listPage: Int

    /// Creates bounds, each lowered to its ``DiagnosticsLimits`` value and raised to at least 0
    /// (log excerpts and texts to at least 1 line / 16 bytes, listings to at least 1 object).
    public init(
        maxPods: Int = DiagnosticsLimits.pods, maxContainers: Int = DiagnosticsLimits.containersPerPod,
        maxEvents: Int = DiagnosticsLimits.events, maxLogs: Int = DiagnosticsLimits.logs,
        maxLogLines: Int = DiagnosticsLimits.linesPerLog, maxLogBytes: Int = DiagnosticsLimits.bytesPerLog,
        maxMessageBytes: Int = DiagnosticsLimits.messageBytes, listPage: Int = 500
    ) {
        self.maxPods = min(max(maxPods, 0), DiagnosticsLimits.pods)
        self.maxContainers = min(max(maxContainers, 0), DiagnosticsLimits.containersPerPod)
        self.maxEvents = min(max(maxEvents, 0), DiagnosticsLimits.events)
        self.maxLogs = min(max(maxLogs, 0), DiagnosticsLimits.logs)
        self.maxLogLines = min(max(maxLogLines, 1), DiagnosticsLimits.linesPerLog)
        self.maxLogBytes = min(max(maxLogBytes, 16), DiagnosticsLimits.bytesPerLog)
        self.maxMessageBytes = min(max(maxMessageBytes, 16), DiagnosticsLimits.messageBytes)
        self.listPage = max(listPage, 1)
    }
}
