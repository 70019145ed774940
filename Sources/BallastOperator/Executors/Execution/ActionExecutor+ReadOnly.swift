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
            let lines = parameters["logLines"]?.intValue.map { min(Int($0), diagnosticsBounds.maxLogLines) } ?? diagnosticsBounds.maxLogLines
            let since = parameters["sinceSeconds"]?.intValue.map { Date().addingTimeInterval(-Double($0)) }
            let summary = await diagnose(target, logLines: lines, since: since)
            return ExecutionOutcome(
                action: action, actionId: actionId, dryRun: dryRun, result: .succeeded,
                message: "collected \(summary.events.count) events, \(summary.pods.count) pods, \(summary.notes.count) notes for \(target.kind) \(key)",
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
    ///   - since: Leave out events last seen before this (the `sinceSeconds` parameter).
    func diagnose(_ target: TargetReference, logLines: Int, since: Date?) async -> DiagnosticsSummary {
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
        var logs: [DiagnosticsLog] = []
        let logPods = pods.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }.prefix(diagnosticsBounds.maxLogPods)
        for pod in logPods {
            for container in pod.spec?.containers ?? [] {
                switch await readLog(pod: pod, container: container.name, lines: logLines) {
                case .success(let log): logs.append(log)
                case .failure(let note): notes.append(note.text)
                }
            }
        }
        return DiagnosticsSummarizer.summarize(
            target: "\(target.kind) \(ObjectKey(namespace: target.namespace, name: target.name))", events: events,
            pods: pods, logs: logs, notes: notes, since: since,
            bounds: diagnosticsBounds)
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

    /// Reads the last `lines` lines of a container's log (the previous instance's when the
    /// container has restarted, since that one saw the failure), bounded in bytes.
    /// - Returns: The excerpt, or a note saying why there is none (no kubelet has the pod yet,
    ///   the container is unknown, no permission); never an error.
    private func readLog(pod: Pod, container: String, lines: Int) async -> Result<DiagnosticsLog, LogUnavailable> {
        let podName = pod.metadata.name ?? ""
        let status = (pod.status?.containerStatuses ?? []).first { $0.name == container }
        let restarted = (status?.restartCount ?? 0) > 0
        let options = PodLogOptions(
            container: container, tailLines: lines,
            limitBytes: lines * diagnosticsBounds.maxMessageLength, previous: restarted)
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
