import BallastAPI
import Foundation
import KubeTypes

/// Turns what `collect_diagnostics` read — Events, pods, log excerpts, notes — into the
/// request's `status.diagnostics`: pure, deterministic (the order of the inputs does not
/// matter, except for logs, which keep the order they were read in) and within
/// ``DiagnosticsBounds`` and ``DiagnosticsLimits``.
///
/// What does not fit is cut most severe and newest first, and a note says what was left out:
/// pods by ``severity(of:)``, Events warnings first and then newest, log lines newest kept.
/// Notes about cuts come before the collection's own notes; beyond ``DiagnosticsLimits/notes``
/// the last note counts the rest.
enum DiagnosticsSummarizer {
    /// - Parameters:
    ///   - events: Events about the target or its pods (any order).
    ///   - pods: The target's pods (any order).
    ///   - logs: Log excerpts already read, most important first.
    ///   - notes: Notes from the collection (unavailable logs, errors).
    ///   - since: Events last seen before this are left out (Events without a time are kept).
    ///   - collectedAt: When the collection happened.
    ///   - bounds: The bounds to apply.
    static func summarize(
        events: [Event], pods: [Pod], logs: [DiagnosticsLog], notes: [String], since: Date? = nil, collectedAt: Date,
        bounds: DiagnosticsBounds = DiagnosticsBounds()
    ) -> DiagnosticsStatus {
        var cuts: [String] = []
        let recent = events.filter { event in
            guard let since, let seen = lastSeen(event) else { return true }
            return seen >= since
        }
        let keptEvents = ordered(recent).prefix(bounds.maxEvents).map { summary(of: $0, bounds: bounds) }
        if recent.count > keptEvents.count {
            cuts.append("\(recent.count - keptEvents.count) more events left out (Normal or older ones)")
        }
        let ranked = bySeverity(pods)
        let keptPods = ranked.prefix(bounds.maxPods).map { summary(of: $0, bounds: bounds, cuts: &cuts) }
        if pods.count > keptPods.count {
            cuts.append("\(pods.count - keptPods.count) more pods left out (healthier ones, then by name)")
        }
        let keptLogs = bounded(logs, bounds: bounds, cuts: &cuts)
        return DiagnosticsStatus(
            collectedAt: collectedAt, pods: keptPods, events: keptEvents, logs: keptLogs,
            notes: boundedNotes(cuts + notes))
    }

    /// Events warnings first, then newest first, then most frequent, then by name.
    static func ordered(_ events: [Event]) -> [Event] {
        events.sorted { lhs, rhs in
            let leftWarning = lhs.type == "Warning", rightWarning = rhs.type == "Warning"
            if leftWarning != rightWarning { return leftWarning }
            let left = lastSeen(lhs) ?? .distantPast, right = lastSeen(rhs) ?? .distantPast
            if left != right { return left > right }
            if (lhs.count ?? 1) != (rhs.count ?? 1) { return (lhs.count ?? 1) > (rhs.count ?? 1) }
            return (lhs.metadata.name ?? "") < (rhs.metadata.name ?? "")
        }
    }

    /// One Event as recorded, every text within its bound.
    static func summary(of event: Event, bounds: DiagnosticsBounds) -> DiagnosticsEvent {
        let object = "\(event.involvedObject.kind ?? "")/\(event.involvedObject.name ?? "")"
        return DiagnosticsEvent(
            object: StoredText.cut(object, to: DiagnosticsLimits.objectBytes),
            type: StoredText.cut(event.type ?? "Normal", to: DiagnosticsLimits.wordBytes),
            reason: StoredText.cut(event.reason ?? "", to: DiagnosticsLimits.reasonBytes),
            message: StoredText.cut(event.message ?? "", to: bounds.maxMessageBytes),
            count: max(event.count ?? 1, 0), lastSeen: lastSeen(event))
    }

    /// When an Event last happened: its last timestamp, event time, first timestamp or creation.
    static func lastSeen(_ event: Event) -> Date? {
        event.lastTimestamp ?? event.eventTime?.date ?? event.firstTimestamp ?? event.metadata.creationTimestamp
    }

    /// `notes` each within ``DiagnosticsLimits/noteBytes``; beyond ``DiagnosticsLimits/notes``
    /// the last one says how many more there were.
    static func boundedNotes(_ notes: [String]) -> [String] {
        let limit = DiagnosticsLimits.notes
        let kept = notes.count <= limit ? notes : Array(notes.prefix(limit - 1)) + ["\(notes.count - limit + 1) more notes left out"]
        return kept.map { StoredText.cut($0, to: DiagnosticsLimits.noteBytes) }
    }
}
