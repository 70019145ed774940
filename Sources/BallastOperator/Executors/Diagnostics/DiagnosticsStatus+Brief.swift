import BallastAPI
import Foundation

extension DiagnosticsStatus {
    /// The longest ``brief`` (it goes into `status.execution.message` and the history entry).
    public static let maxBriefLength = 1500

    /// A one-paragraph rendering for people: container states of the pods, then the warning
    /// Events, then notes; at most ``maxBriefLength`` characters.
    ///
    /// `collect_diagnostics` writes this into the request's `status.execution.message` and its
    /// ActionHistory entry; the findings themselves go to `status.diagnostics`.
    public var brief: String {
        let containers = pods.flatMap { pod in
            pod.containers.map { container in
                "\(pod.name)/\(container.name) \(container.state)"
                    + (container.restartCount > 0 ? " (restarts \(container.restartCount))" : "")
                    + (container.lastTermination.map { ", last \($0)" } ?? "")
            }
        }
        let warnings = events.filter(\.isWarning).map { "\($0.reason)×\($0.count) on \($0.object): \($0.message)" }
        let parts = [
            containers.isEmpty ? nil : "containers: " + containers.joined(separator: "; "),
            warnings.isEmpty ? nil : "warnings: " + warnings.joined(separator: "; "),
            notes.isEmpty ? nil : "notes: " + notes.joined(separator: "; "),
        ].compactMap { $0 }
        let text = parts.isEmpty ? "nothing unusual found" : parts.joined(separator: " | ")
        return text.count > Self.maxBriefLength ? String(text.prefix(Self.maxBriefLength - 1)) + "…" : text
    }
}
