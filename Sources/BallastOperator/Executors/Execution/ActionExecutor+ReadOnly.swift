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
            let (summary, cut) = await diagnose(target, logLines: lines, sinceSeconds: sinceSeconds)
            let incomplete = cut.isEmpty ? "" : "; incomplete, only one page of \(diagnosticsBounds.listPage) read of: \(cut.joined(separator: ", "))"
            return ExecutionOutcome(
                action: action, actionId: actionId, dryRun: dryRun, result: .succeeded,
                message: "collected \(summary.events.count) events, \(summary.pods.count) pods, \(summary.logs.count) logs, \(summary.notes.count) notes for \(target.kind) \(key)\(incomplete)",
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
    ///
    /// Events are listed per object by field selector (`involvedObject.kind` and `.name`): the
    /// target's, and those of each pod the summary describes (at most
    /// ``DiagnosticsBounds/maxPods``), so other objects' Events in a busy namespace never crowd
    /// them out. Every listing reads one page of ``DiagnosticsBounds/listPage`` objects; when the
    /// server has more (a `continue` token), a note says which listing was cut.
    /// - Parameters:
    ///   - logLines: Log lines per container.
    ///   - sinceSeconds: Leave out events last seen longer ago, and log lines older than this.
    /// - Returns: The summary, and what each cut listing was (`pods of Node n1`, …).
    func diagnose(_ target: TargetReference, logLines: Int, sinceSeconds: Int?) async -> (DiagnosticsStatus, cut: [String]) {
        var notes: [String] = []
        var cut: [String] = []
        var pods: [Pod] = []
        let described = Self.describe(kind: target.kind, name: target.name, namespace: target.namespace)
        do throws(KubeError) {
            let listing = try await podsOf(target)
            pods = listing.items
            if listing.isTruncated { cut.append("pods of \(described)") }
        } catch {
            notes.append("pods unavailable: \(error.description)")
        }
        let ranked = DiagnosticsSummarizer.bySeverity(pods)
        var events = await readEvents(about: target.kind, target.name, namespace: target.namespace, cut: &cut, notes: &notes)
        if target.kind != "Pod" {
            for pod in ranked.prefix(diagnosticsBounds.maxPods) {
                events += await readEvents(
                    about: "Pod", pod.metadata.name ?? "", namespace: pod.metadata.namespace, cut: &cut, notes: &notes)
            }
        }
        let (logs, logNotes) = await readLogs(of: ranked, lines: logLines, sinceSeconds: sinceSeconds)
        let cutNotes = cut.map { Self.truncationNote($0, page: diagnosticsBounds.listPage) }
        let summary = DiagnosticsSummarizer.summarize(
            events: events, pods: pods, logs: logs, notes: cutNotes + notes + logNotes,
            since: sinceSeconds.map { Date().addingTimeInterval(-Double($0)) },
            collectedAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)),
            bounds: diagnosticsBounds)
        return (summary, cut)
    }

    /// The field selector of the Events about one object: `involvedObject.kind=Pod,involvedObject.name=web-0`.
    static func eventSelector(kind: String, name: String) -> String {
        "involvedObject.kind=\(kind),involvedObject.name=\(name)"
    }

    /// The note for a listing cut after its first page: `Events of Deployment shop/web: only the
    /// first 500 were read; the API server has more`.
    static func truncationNote(_ listing: String, page: Int) -> String {
        "\(listing): only the first \(page) were read; the API server has more"
    }

    /// `Pod shop/web-0`, `Node n1`.
    static func describe(kind: String, name: String, namespace: String?) -> String {
        "\(kind) \(ObjectKey(namespace: namespace, name: name))"
    }

    /// The Events about one object, one page at most; a failure becomes a note, a cut listing is
    /// added to `cut`.
    private func readEvents(
        about kind: String, _ name: String, namespace: String?, cut: inout [String], notes: inout [String]
    ) async -> [Event] {
        let object = Self.describe(kind: kind, name: name, namespace: namespace)
        do throws(KubeError) {
            let page = try await client.list(
                Event.self, .events, namespace: namespace,
                options: ListOptions(fieldSelector: Self.eventSelector(kind: kind, name: name), limit: diagnosticsBounds.listPage))
            if page.isTruncated { cut.append("Events of \(object)") }
            return page.items.filter { $0.involvedObject.kind == kind && $0.involvedObject.name == name }
        } catch {
            notes.append("events of \(object) unavailable: \(error.description)")
            return []
        }
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
    /// bound to a Node; none for other kinds. One page of ``DiagnosticsBounds/listPage`` at most
    /// (the list's `continue` token says whether there were more).
    private func podsOf(_ target: TargetReference) async throws(KubeError) -> ObjectList<Pod> {
        switch target.kind {
        case "Pod":
            let pod = try await client.get(Pod.self, .pods, name: target.name, namespace: target.namespace)
            return ObjectList(metadata: ListMeta(), items: [pod])
        case "Node":
            return try await client.list(
                Pod.self, .pods, options: ListOptions(fieldSelector: "spec.nodeName=\(target.name)", limit: diagnosticsBounds.listPage))
        default:
            guard let resource = TargetResource.of(kind: target.kind), resource.group == "apps" else {
                return ObjectList(metadata: ListMeta(), items: [])
            }
            let workload = try await client.get(UnstructuredObject.self, resource, name: target.name, namespace: target.namespace)
            guard let selector = workload["spec"]?["selector"].flatMap({ try? $0.decode(as: LabelSelector.self) }), !selector.isEmpty else {
                return ObjectList(metadata: ListMeta(), items: [])
            }
            return try await client.list(
                Pod.self, .pods, namespace: target.namespace,
                options: ListOptions(labelSelector: selector.queryString, limit: diagnosticsBounds.listPage))
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

extension ObjectList {
    /// Whether the server has more objects than this page (its `continue` token is set).
    var isTruncated: Bool { !(metadata.continue ?? "").isEmpty }
}
