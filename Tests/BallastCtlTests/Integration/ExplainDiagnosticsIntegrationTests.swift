import BallastAPI
import BallastCtl
import Foundation
import Testing

@Suite("explain shows status.diagnostics as the API server stores it")
struct ExplainDiagnosticsIntegrationTests {
    let env: CtlTestCluster

    init() async throws {
        env = try await CtlTestCluster.prepared()
    }

    @Test("a completed collect_diagnostics: the findings read back from the server, in short form")
    func explainDiagnostics() async throws {
        try await env.withNamespace("ctl-diag") { namespace in
            try await env.withSession(namespace: namespace) { session in
                let now = Date().rounded
                var status = RemediationRequestStatus.at(.completed)
                status.diagnostics = DiagnosticsStatus(
                    collectedAt: now.addingTimeInterval(-120),
                    pods: [DiagnosticsPod(name: "web-1", phase: "Running", node: "worker-1", containers: [
                        DiagnosticsContainer(name: "app", ready: false, restartCount: 5, state: "Waiting: CrashLoopBackOff", lastTermination: "OOMKilled (exit 137)"),
                    ])],
                    events: [DiagnosticsEvent(object: "Pod/web-1", type: "Warning", reason: "BackOff", message: "Back-off <restarting> \"app\"", count: 4, lastSeen: now)],
                    logs: [DiagnosticsLog(pod: "web-1", container: "app", lines: ["fatal: out of memory"])],
                    notes: ["1 more pods left out (healthier ones, then by name)"])
                let stored = try await session.createRequest("diag-web", status: status)
                #expect(stored.status?.diagnostics == status.diagnostics, "the model round-trips through the CRD unchanged")

                let text = try await ExplainVerb(session: session, requestName: "diag-web").run(now: now).explanation.render(now: now)
                #expect(text.contains("\nDiagnostics:  collected 2m ago: 1 pods, 1 events (1 warnings), 1 logs\n"), "\(text)")
                #expect(text.contains("pod web-1 (Running): app Waiting: CrashLoopBackOff (restarts 5, last OOMKilled (exit 137))"))
                #expect(text.contains("warning BackOff ×4 on Pod/web-1: Back-off <restarting> \"app\""))
                #expect(text.contains("log web-1/app (1 lines), last: fatal: out of memory"))
                #expect(text.contains("`kubectl get rr diag-web -n \(namespace) -o yaml` (status.diagnostics)"))
            }
        }
    }
}
