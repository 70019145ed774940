import Foundation
import Logging

/// A `LogHandler` writing one JSON object per line, for log collectors (Loki, Elasticsearch,
/// Cloud Logging).
///
/// Each record has `ts` (RFC 3339, UTC, milliseconds), `level`, `logger` (the logger's label),
/// `msg`, then the metadata flattened into the object: strings as JSON strings, nested
/// dictionaries and arrays as their text. Metadata keys that collide with the fixed keys are
/// prefixed with `_`. At `debug` and `trace`, `source` (`file:line`) is added. Every record is
/// exactly one line of valid JSON, whatever the message contains (quotes, newlines, control
/// characters, any Unicode).
public struct JSONLogHandler: LogHandler {
    /// Where finished lines go; each call receives one complete line ending in `\n`.
    public typealias Sink = @Sendable (String) -> Void

    /// The logger's label, written as `logger`.
    public let label: String
    /// The lowest level written.
    public var logLevel: Logger.Level
    /// Metadata attached to every record of this handler.
    public var metadata: Logger.Metadata = [:]
    /// Adds contextual metadata (e.g. task-local request ids) to each record.
    public var metadataProvider: Logger.MetadataProvider?
    private let sink: Sink
    private let clock: @Sendable () -> Date

    /// A handler writing to standard error.
    public static func standardError(label: String, level: Logger.Level) -> JSONLogHandler {
        JSONLogHandler(label: label, level: level, sink: StandardErrorSink.emit)
    }

    /// A handler writing lines to `sink`, timestamped by `clock`.
    public init(
        label: String, level: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil,
        sink: @escaping Sink, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.sink = sink
        self.clock = clock
    }

    /// Metadata of this handler by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes `event` as one JSON line.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let own = event.metadata {
            merged.merge(own) { _, new in new }
        }
        if let error = event.error {
            merged["error"] = .string("\(error)")
        }
        let source = event.level <= .debug ? "\(event.file):\(event.line)" : nil
        sink(JSONLogLine.render(
            time: clock(), level: event.level, logger: label, message: event.message.description,
            metadata: merged, source: source))
    }
}

/// Writes whole lines to standard error with one `write` each, so lines from concurrent tasks
/// never interleave.
enum StandardErrorSink {
    @Sendable static func emit(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
