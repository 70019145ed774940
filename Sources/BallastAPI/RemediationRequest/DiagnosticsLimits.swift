/// The bounds of `status.diagnostics`, the same numbers as the CRD schema's `maxItems` and
/// `maxLength` (a test compares them).
///
/// Text bounds are in *stored bytes* (``StoredText/bytes(of:)``): what a string costs inside
/// the JSON the API server keeps in etcd, escapes included. A string within a bound also passes
/// the schema's `maxLength` of the same number, which counts characters.
public enum DiagnosticsLimits {
    /// Pods described.
    public static let pods = 20
    /// Containers described per pod.
    public static let containersPerPod = 6
    /// Events kept.
    public static let events = 30
    /// Log excerpts (one per container).
    public static let logs = 10
    /// Lines per log excerpt.
    public static let linesPerLog = 50
    /// Stored bytes of one excerpt's lines together.
    public static let bytesPerLog = 4096
    /// Notes kept.
    public static let notes = 10

    /// Stored bytes of a note.
    public static let noteBytes = 256
    /// Stored bytes of an Event's message.
    public static let messageBytes = 256
    /// Stored bytes of an Event's reason.
    public static let reasonBytes = 128
    /// Stored bytes of a container's state or last termination.
    public static let stateBytes = 64
    /// Stored bytes of an Event's `Kind/name` object (a kind ≤ 63, a name ≤ 253).
    public static let objectBytes = 317
    /// Stored bytes of a pod's phase or an Event's type.
    public static let wordBytes = 16
    /// Stored bytes of an object name (pod, node).
    public static let nameBytes = 253
    /// Stored bytes of a container name.
    public static let containerNameBytes = 63

    /// The largest `status.diagnostics` the operator can write, in bytes of JSON as stored:
    /// every list full, every text at its bound, every number at its widest. Measured by
    /// `DiagnosticsLimitsTests` at 117,374 bytes (115 KiB), so a request with diagnostics stays
    /// far below etcd's 1.5 MiB object limit and, with a typical rest of the object (a few
    /// KiB), below 256 KiB.
    public static let worstCaseBytes = 120_000
}
