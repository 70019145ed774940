/// How log records are written to standard error.
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    /// One JSON object per line (``JSONLogHandler``): for log collectors. The default.
    case json
    /// swift-log's human-readable stream format: for a terminal.
    case text
}
