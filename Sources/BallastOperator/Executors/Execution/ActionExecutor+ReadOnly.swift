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
            let summary = await diagnose(target, logLines: lines)
            return ExecutionOutcome(
                action: action, actionId: actionId, dryRun: dryRun, result: .succeeded,
                message: "collected \(summary.events.count) events, \(summary.pods.count) pods, \(summary.logs.count) log excerpts for \(target.kind) \(key)",
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
    func diagnose(_ target: TargetReference, logLines: Int) async -> DiagnosticsSummary {
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
        var logs: [LogExcerpt] = []
        let logPods = pods.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }.prefix(diagnosticsBounds.maxLogPods)
        for pod in logPods {
            for container in pod.spec?.containers ?? [] {
                switch await tailLog(pod: pod, container: container.name, lines: logLines) {
                case .success(let lines): logs.append(LogExcerpt(pod: pod.metadata.name ?? "", container: container.name, lines: lines))
                case .failure(let error): notes.append("logs of \(pod.metadata.name ?? "")/\(container.name) unavailable: \(error.message)")
                }
            }
        }
        return DiagnosticsSummarizer.summarize(
            target: "\(target.kind) \(ObjectKey(namespace: target.namespace, name: target.name))", events: events,
            pods: pods, logs: logs, notes: notes, bounds: diagnosticsBounds)
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

    /// The last `lines` lines of a container's log (`GET pods/<name>/log`).
    ///
    /// KubeClient has no log verb yet, so the subresource path and its query are passed as the
    /// object name; the API server answers plain text, which the JSON decoder rejects, so this
    /// yields a note on every cluster until KubeClient offers a text read (requested). Without a
    /// kubelet the server answers 400 (no host assigned), which also becomes a note.
    private func tailLog(pod: Pod, container: String, lines: Int) async -> Result<[String], KubeError> {
        let name = "\(pod.metadata.name ?? "")/log?container=\(container)&tailLines=\(lines)"
        do throws(KubeError) {
            let object = try await client.get(UnstructuredObject.self, .pods, name: name, namespace: pod.metadata.namespace)
            return .success([object.metadata.name ?? ""].filter { !$0.isEmpty })
        } catch {
            return .failure(error)
        }
    }
}
