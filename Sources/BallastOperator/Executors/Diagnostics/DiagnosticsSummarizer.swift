import Foundation
import KubeTypes

/// Turns events and pods into a ``DiagnosticsSummary``: pure, bounded, deterministic.
enum DiagnosticsSummarizer {
    /// - Parameters:
    ///   - target: `Kind namespace/name` of the target.
    ///   - events: Events about the target or its pods (any order).
    ///   - pods: The target's pods (any order).
    ///   - logs: Log excerpts already read.
    ///   - notes: Notes from the collection (unavailable logs, errors).
    ///   - since: Events last seen before this are left out (events without a time are kept).
    ///   - bounds: The bounds to apply.
    static func summarize(
        target: String, events: [Event], pods: [Pod], logs: [DiagnosticsLog], notes: [String], since: Date? = nil,
        bounds: DiagnosticsBounds
    ) -> DiagnosticsSummary {
        let recent = events.filter { event in
            guard let since, let seen = lastSeen(event) else { return true }
            return seen >= since
        }
        let ordered = recent.sorted { lhs, rhs in
            let left = lastSeen(lhs), right = lastSeen(rhs)
            if left != right { return (left ?? .distantPast) > (right ?? .distantPast) }
            return (lhs.metadata.name ?? "") < (rhs.metadata.name ?? "")
        }
        let eventSummaries = ordered.prefix(bounds.maxEvents).map { event in
            DiagnosticsEvent(
                object: "\(event.involvedObject.kind ?? "")/\(event.involvedObject.name ?? "")", type: event.type ?? "Normal",
                reason: event.reason ?? "", message: cut(event.message ?? "", bounds.maxMessageLength),
                count: event.count ?? 1, lastSeen: lastSeen(event))
        }
        let sortedPods = pods.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        let podSummaries = sortedPods.prefix(bounds.maxPods).map(summary(of:))
        var allNotes = notes
        if recent.count > bounds.maxEvents { allNotes.append("\(recent.count - bounds.maxEvents) older events left out") }
        if pods.count > bounds.maxPods { allNotes.append("\(pods.count - bounds.maxPods) more pods left out") }
        let boundedLogs = logs.map { excerpt in
            DiagnosticsLog(
                pod: excerpt.pod, container: excerpt.container,
                lines: excerpt.lines.suffix(bounds.maxLogLines).map { cut($0, bounds.maxMessageLength) })
        }
        return DiagnosticsSummary(
            target: target, events: Array(eventSummaries), pods: Array(podSummaries), logs: boundedLogs, notes: allNotes)
    }

    static func summary(of pod: Pod) -> DiagnosticsPod {
        let containers = (pod.status?.containerStatuses ?? []).map { status in
            DiagnosticsContainer(
                name: status.name, ready: status.ready, restartCount: status.restartCount, state: describe(status.state),
                lastTermination: status.lastState?.terminated.map { "\($0.reason ?? "Terminated") (exit \($0.exitCode))" })
        }
        return DiagnosticsPod(
            name: pod.metadata.name ?? "", phase: pod.status?.phase ?? "Unknown", node: pod.spec?.nodeName,
            containers: containers)
    }

    static func describe(_ state: ContainerState?) -> String {
        if let waiting = state?.waiting { return "Waiting: \(waiting.reason ?? "unknown")" }
        if let terminated = state?.terminated { return "Terminated: \(terminated.reason ?? "unknown") (exit \(terminated.exitCode))" }
        if state?.running != nil { return "Running" }
        return "Unknown"
    }

    private static func lastSeen(_ event: Event) -> Date? {
        event.lastTimestamp ?? event.eventTime?.date ?? event.firstTimestamp ?? event.metadata.creationTimestamp
    }

    private static func cut(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length)) + "…"
    }
}
