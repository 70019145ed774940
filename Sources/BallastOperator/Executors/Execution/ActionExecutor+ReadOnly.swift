import Foundation
import BallastAPI
import KubeClient
import KubeTypes

extension ActionExecutor {
    /// `notify_only`, `escalate` and `collect_diagnostics`: nothing is written, in either mode.
    func readOnly(
        action: ActionName, parameters: [String: JSONValue], target: TargetReference, actionId: String, dryRun: Bool
    ) async -> ExecutionOutcome {
        let key = ObjectKey(namespace: target.namespace, name: target.name)
        switch action {
        case .collectDiagnostics:
            let lines = parameters["logLines"]?.intValue.map { max(1, min(Int($0), diagnosticsBounds.maxLogLines)) } ?? diagnosticsBounds.maxLogLines
            let sinceSeconds = parameters["sinceSeconds"]?.intValue.map(Int.init)
            let summary = await diagnose(target, logLines: lines, sinceSeconds: sinceSeconds)
            return ExecutionOutcome(
                action: action, actionId: actionId, dryRun: dryRun, result: .succeeded,
                message: "collected \(summary.events.count) events, \(summary.pods.count) pods, \(summary.logs.count) logs, \(summary.notes.count) notes for \(target.kind) \(key)",
                diagnostics: summary)
        default:
            let text = parameters["message"]?.stringValue ?? parameters["reason"]?.stringValue ?? ""
            return ExecutionOutcome(
                action: action, actionId: actionId, dryRun: dryRun, result: .succeeded,
                message: "\(action.rawValue) for \(target.kind) \(key): \(text)")
        }
    }

    /// Gathers events, pod states and (where a kubelet serves them) logs; every failure becomes a
    /// note, never an error.
    /// - Parameters:
    ///   - logLines: Log lines per container.
    ///   - sinceSeconds: Leave out events last seen longer ago, and log lines older than this.
    func diagnose(_ target: TargetReference, logLines: Int, sinceSeconds: Int?) async -> DiagnosticsStatus {
        var notes: [String] = []
        let pods: [Pod]
        do throws(KubeError) {
            pods = try await podsOf(target)
        } catch {
            notes.append("pods unavailable: \(error.description)")
            pods = []
        }
        let names = Set(pods.compactMap(\.metadata.name))
        var events: [Event] = []
        do {
            events = try await client.list(
                Event.self, .events, namespace: target.namespace,
                options: ListOptions(fieldSelector: target.namespace == nil ? "involvedObject.name=\(target.name)" : nil, limit: 500)
            ).items.filter { event in
                let object = event.involvedObject
                return (object.kind == target.kind && object.name == target.name)
                    || (object.kind == "Pod" && names.contains(object.name ?? ""))
            }
        } catch {
            notes.append("events unavailable: \(error.description)")
        }
        let (logs, logNotes) = await readLogs(of: DiagnosticsSummarizer.bySeverity(pods), lines: logLines, sinceSeconds: sinceSeconds)
        return DiagnosticsSummarizer.summarize(
            events: events, pods: pods, logs: logs, notes: notes + logNotes,
            since: sinceSeconds.map { Date().addingTimeInterval(-Double($0)) },
            collectedAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)),
            bounds: diagnosticsBounds)
    }

    /// Reads the logs of `pods`' containers in that order (most severe pods first), at most
    /// ``DiagnosticsBounds/maxLogs`` reads; a read that fails becomes a note.
    private func readLogs(of pods: [Pod], lines: Int, sinceSeconds: Int?) async -> (logs: [DiagnosticsLog], notes: [String]) {
        let containers = pods.flatMap { pod in (pod.spec?.containers ?? []).map { (pod: pod, container: $0.name) } }
        var logs: [DiagnosticsLog] = []
        var notes: [String] = []
        for (pod, container) in containers.prefix(diagnosticsBounds.maxLogs) {
            switch await readLog(pod: pod, container: container, lines: lines, sinceSeconds: sinceSeconds) {
            case .success(let log): logs.append(log)
            case .failure(let note): notes.append(note.text)
            }
        }
        if containers.count > diagnosticsBounds.maxLogs {
            notes.append("logs of \(containers.count - diagnosticsBounds.maxLogs) more containers not read")
        }
        return (logs, notes)
    }

    /// The pods a target runs: itself for a Pod, its selector's pods for a workload, the pods
    /// bound to a Node; none for other kinds.
    private func podsOf(_ target: TargetReference) async throws(KubeError) -> [Pod] {
        switch target.kind {
        case "Pod":
            return [try await client.get(Pod.self, .pods, name: target.name, namespace: target.namespace)]
        case "Node":
            return try await client.list(
                Pod.self, .pods, options: ListOptions(fieldSelector: "spec.nodeName=\(target.name)", limit: 500)).items
        default:
            guard let resource = TargetResource.of(kind: target.kind), resource.group == "apps" else { return [] }
            let workload = try await client.get(UnstructuredObject.self, resource, name: target.name, namespace: target.namespace)
            guard let selector = workload["spec"]?["selector"].flatMap({ try? $0.decode(as: LabelSelector.self) }), !selector.isEmpty else {
                return []
            }
            return try await client.list(
                Pod.self, .pods, namespace: target.namespace,
                options: ListOptions(labelSelector: selector.queryString, limit: 500)).items
        }
    }

    /// How many bytes of a log tail are read at most: `limitBytes` keeps the *oldest* bytes of
    /// the tail, so it is generous and the summarizer keeps the newest lines that fit.
    static let logReadBytes = 16 * DiagnosticsLimits.bytesPerLog

    /// Reads the last `lines` lines of a container's log (the previous instance's when the
    /// container has restarted, since that one saw the failure), bounded in bytes.
    /// - Returns: The excerpt, or a note saying why there is none (no kubelet has the pod yet,
    ///   the container is unknown, no permission); never an error.
    private func readLog(pod: Pod, container: String, lines: Int, sinceSeconds: Int?) async -> Result<DiagnosticsLog, LogUnavailable> {
        let podName = pod.metadata.name ?? ""
        let status = (pod.status?.containerStatuses ?? []).first { $0.name == container }
        let restarted = (status?.restartCount ?? 0) > 0
        let options = PodLogOptions(
            container: container, tailLines: lines,
            limitBytes: Self.logReadBytes, sinceSeconds: sinceSeconds, previous: restarted)
        do throws(KubeError) {
            let text = try await client.podLog(podName, namespace: pod.metadata.namespace ?? "", options: options)
            let logLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let trimmed = logLines.last == "" ? Array(logLines.dropLast()) : logLines
            guard !trimmed.isEmpty else {
                return .failure(LogUnavailable(text: "logs of \(podName)/\(container) unavailable: the log is empty"))
            }
            return .success(DiagnosticsLog(pod: podName, container: container, lines: Array(trimmed.suffix(lines))))
        } catch {
            return .failure(LogUnavailable(text: "logs of \(podName)/\(container) unavailable: \(error.message)"))
        }
    }
}

/// Why a container's log could not be read, as a note for the summary.
struct LogUnavailable: Error {
    let text: String
}
