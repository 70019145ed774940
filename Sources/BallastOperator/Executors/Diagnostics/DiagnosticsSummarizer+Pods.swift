import BallastAPI
import KubeTypes

/// Pods: ranked most severe first, described container by container.
extension DiagnosticsSummarizer {
    /// How troubled a pod looks: containers not ready (a pod without container statuses that
    /// has not succeeded counts one), then restarts. Larger is worse.
    static func severity(of pod: Pod) -> (notReady: Int, restarts: Int) {
        let statuses = pod.status?.containerStatuses ?? []
        let notReady = statuses.isEmpty
            ? (pod.status?.phase == "Succeeded" ? 0 : 1)
            : statuses.filter { !$0.ready }.count
        return (notReady, statuses.reduce(0) { $0 + Int(max($1.restartCount, 0)) })
    }

    /// `pods` most severe first (``severity(of:)``), then by name.
    static func bySeverity(_ pods: [Pod]) -> [Pod] {
        pods.map { (pod: $0, severity: severity(of: $0)) }.sorted { lhs, rhs in
            if lhs.severity.notReady != rhs.severity.notReady { return lhs.severity.notReady > rhs.severity.notReady }
            if lhs.severity.restarts != rhs.severity.restarts { return lhs.severity.restarts > rhs.severity.restarts }
            return (lhs.pod.metadata.name ?? "") < (rhs.pod.metadata.name ?? "")
        }.map(\.pod)
    }

    /// One pod with at most ``DiagnosticsBounds/maxContainers`` containers (in the pod's order);
    /// appends a note to `cuts` when containers were left out.
    static func summary(of pod: Pod, bounds: DiagnosticsBounds, cuts: inout [String]) -> DiagnosticsPod {
        let name = StoredText.cut(pod.metadata.name ?? "", to: DiagnosticsLimits.nameBytes)
        let statuses = pod.status?.containerStatuses ?? []
        if statuses.count > bounds.maxContainers {
            cuts.append("pod \(name): \(statuses.count - bounds.maxContainers) more containers left out")
        }
        let containers = statuses.prefix(bounds.maxContainers).map { status in
            DiagnosticsContainer(
                name: StoredText.cut(status.name, to: DiagnosticsLimits.containerNameBytes), ready: status.ready,
                restartCount: max(status.restartCount, 0),
                state: StoredText.cut(describe(status.state), to: DiagnosticsLimits.stateBytes),
                lastTermination: status.lastState?.terminated.map {
                    StoredText.cut("\($0.reason ?? "Terminated") (exit \($0.exitCode))", to: DiagnosticsLimits.stateBytes)
                })
        }
        return DiagnosticsPod(
            name: name, phase: StoredText.cut(pod.status?.phase ?? "Unknown", to: DiagnosticsLimits.wordBytes),
            node: pod.spec?.nodeName.map { StoredText.cut($0, to: DiagnosticsLimits.nameBytes) },
            containers: Array(containers))
    }

    /// `Running`, `Waiting: <reason>`, `Terminated: <reason> (exit <code>)` or `Unknown`.
    static func describe(_ state: ContainerState?) -> String {
        if let waiting = state?.waiting { return "Waiting: \(waiting.reason ?? "unknown")" }
        if let terminated = state?.terminated { return "Terminated: \(terminated.reason ?? "unknown") (exit \(terminated.exitCode))" }
        if state?.running != nil { return "Running" }
        return "Unknown"
    }
}
