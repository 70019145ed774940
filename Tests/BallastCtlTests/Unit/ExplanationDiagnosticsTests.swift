import BallastAPI
import BallastCtl
import Foundation
import Testing

@Suite("Explanation: the short form of status.diagnostics")
struct ExplanationDiagnosticsTests {
    static func request(_ diagnostics: DiagnosticsStatus?) -> RemediationRequest {
        var request = Fixtures.request(
            phase: .completed, decision: DecisionStatus(action: .collectDiagnostics, confidence: 0.6, source: .rules))
        request.status?.diagnostics = diagnostics
        return request
    }

    static func lines(_ diagnostics: DiagnosticsStatus?) -> [String]? {
        Explanation(request: request(diagnostics), events: [], now: Fixtures.now).sections.first { $0.topic == "Diagnostics" }?.lines
    }

    static func crashing(_ index: Int) -> DiagnosticsPod {
        DiagnosticsPod(name: "web-\(index)", phase: "Running", containers: [
            DiagnosticsContainer(name: "app", ready: false, restartCount: 5, state: "Waiting: CrashLoopBackOff", lastTermination: "Error (exit 1)"),
        ])
    }

    @Test("counts, the troubled pods, warnings, the newest log line, notes, and where to see everything")
    func shortForm() {
        let diagnostics = DiagnosticsStatus(
            collectedAt: Fixtures.minutes(-2),
            pods: [Self.crashing(1), DiagnosticsPod(name: "web-2", phase: "Running", containers: [
                DiagnosticsContainer(name: "app", ready: true, restartCount: 0, state: "Running"),
            ])],
            events: [
                DiagnosticsEvent(object: "Pod/web-1", type: "Warning", reason: "BackOff", message: "Back-off restarting failed container", count: 12),
                DiagnosticsEvent(object: "Deployment/web", type: "Normal", reason: "ScalingReplicaSet", message: "Scaled up", count: 1),
            ],
            logs: [DiagnosticsLog(pod: "web-1", container: "app", lines: ["starting", "panic: connection refused"])],
            notes: ["logs of web-2/app unavailable: the log is empty"])
        #expect(Self.lines(diagnostics) == [
            "collected 2m ago: 2 pods, 2 events (1 warnings), 1 logs",
            "pod web-1 (Running): app Waiting: CrashLoopBackOff (restarts 5, last Error (exit 1))",
            "warning BackOff ×12 on Pod/web-1: Back-off restarting failed container",
            "log web-1/app (2 lines), last: panic: connection refused",
            "note: logs of web-2/app unavailable: the log is empty",
            "everything: `kubectl get rr web-oom -n shop -o yaml` (status.diagnostics)",
        ])
    }

    @Test("long lists are cut to three entries and counted")
    func cutsLongLists() throws {
        let diagnostics = DiagnosticsStatus(collectedAt: Fixtures.minutes(-1), pods: (1...5).map(Self.crashing))
        let lines = try #require(Self.lines(diagnostics))
        #expect(lines.filter { $0.hasPrefix("pod ") }.count == 3)
        #expect(lines.contains("… and 2 more troubled pods"))
    }

    @Test("no diagnostics, no section; with them, the section sits between Execution and Verification")
    func placement() {
        #expect(Self.lines(nil) == nil)
        var request = Fixtures.request(
            phase: .completed, decision: DecisionStatus(action: .collectDiagnostics, confidence: 0.6, source: .rules),
            execution: ExecutionStatus(actionId: "a1", dryRun: false, result: .succeeded, message: "collected"),
            verification: VerificationStatus(alertResolved: true),
            conditions: [Fixtures.condition("Executed", .true, "Succeeded", "collected")])
        request.status?.diagnostics = DiagnosticsStatus(collectedAt: Fixtures.now)
        let topics = Explanation(request: request, events: [], now: Fixtures.now).sections.map(\.topic)
        #expect(topics.suffix(4) == ["Execution", "Diagnostics", "Verification", "Conditions"])
    }
}
