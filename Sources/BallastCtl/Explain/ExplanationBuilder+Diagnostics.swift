import BallastAPI
import Foundation

/// The short form of `status.diagnostics`: counts, then the troubled pods, the warning Events,
/// the newest log line of each excerpt and the notes, each list cut to ``diagnosticsShown``.
extension ExplanationBuilder {
    /// How many troubled pods, warnings, log lines and notes the explanation shows at most.
    static let diagnosticsShown = 3

    /// The Diagnostics section's lines; empty (no section) when the request has no
    /// `status.diagnostics`. The last line names the command that shows everything.
    func diagnosticsLines() -> [String] {
        guard let diagnostics = status?.diagnostics else { return [] }
        let shown = Self.diagnosticsShown
        let warnings = diagnostics.events.filter(\.isWarning)
        var lines = [
            "collected \(RelativeTime.describe(diagnostics.collectedAt, now: now)): \(diagnostics.pods.count) pods, "
                + "\(diagnostics.events.count) events (\(warnings.count) warnings), \(diagnostics.logs.count) logs",
        ]
        let troubled = diagnostics.pods.filter { pod in pod.containers.contains { !$0.ready } || pod.containers.isEmpty }
        for pod in troubled.prefix(shown) {
            let containers = pod.containers.filter { !$0.ready }.map(containerText)
            lines.append("pod \(pod.name) (\(pod.phase))" + (containers.isEmpty ? "" : ": " + containers.joined(separator: "; ")))
        }
        lines += more(troubled.count, shown, "troubled pods")
        for event in warnings.prefix(shown) {
            lines.append("warning \(event.reason) ×\(event.count) on \(event.object): \(Text.singleLine(event.message, maxLength: 160))")
        }
        lines += more(warnings.count, shown, "warnings")
        for log in diagnostics.logs.prefix(shown) {
            guard let last = log.lines.last else { continue }
            lines.append("log \(log.pod)/\(log.container) (\(log.lines.count) lines), last: \(Text.singleLine(last, maxLength: 160))")
        }
        lines += more(diagnostics.logs.count, shown, "logs")
        for note in diagnostics.notes.prefix(shown) {
            lines.append("note: \(Text.singleLine(note, maxLength: 160))")
        }
        lines += more(diagnostics.notes.count, shown, "notes")
        lines.append("everything: `kubectl get rr \(request.metadata.name ?? "") -n \(request.metadata.namespace ?? "") -o yaml` (status.diagnostics)")
        return lines
    }

    /// `app Waiting: CrashLoopBackOff (restarts 5, last Error (exit 1))`.
    private func containerText(_ container: DiagnosticsContainer) -> String {
        var details: [String] = []
        if container.restartCount > 0 { details.append("restarts \(container.restartCount)") }
        if let last = container.lastTermination { details.append("last \(last)") }
        return "\(container.name) \(container.state)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
    }

    /// `… and 4 more troubled pods` when `count` exceeds `shown`.
    private func more(_ count: Int, _ shown: Int, _ what: String) -> [String] {
        count > shown ? ["… and \(count - shown) more \(what)"] : []
    }
}
