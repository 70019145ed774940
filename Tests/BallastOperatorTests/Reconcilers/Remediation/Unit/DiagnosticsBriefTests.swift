import BallastAPI
import Foundation
import Testing
@testable import BallastOperator

@Suite("Remediation: collect_diagnostics summaries in the request's status")
struct DiagnosticsBriefTests {
    static func summary(events: Int = 1, message: String = "Back-off restarting failed container") -> DiagnosticsSummary {
        DiagnosticsSummary(
            target: "Deployment shop/web",
            events: (0..<events).map { DiagnosticsEvent(object: "Pod web-1", type: "Warning", reason: "BackOff", message: message, count: Int32($0 + 1)) }
                + [DiagnosticsEvent(object: "Pod web-1", type: "Normal", reason: "Pulled", message: "pulled", count: 1)],
            pods: [DiagnosticsPod(name: "web-1", phase: "Running", containers: [
                DiagnosticsContainer(name: "app", ready: false, restartCount: 7, state: "waiting: CrashLoopBackOff", lastTermination: "Error (exit 1)"),
            ])],
            logs: [], notes: ["logs of web-1/app unavailable: no kubelet"])
    }

    @Test("the brief names container states, warning Events and notes, and leaves normal Events out")
    func brief() {
        let text = Self.summary().brief
        #expect(text == "containers: web-1/app waiting: CrashLoopBackOff (restarts 7), last Error (exit 1) | "
            + "warnings: BackOff×1 on Pod web-1: Back-off restarting failed container | notes: logs of web-1/app unavailable: no kubelet")
        #expect(DiagnosticsSummary(target: "x", events: [], pods: [], logs: [], notes: []).brief == "nothing unusual found")
    }

    @Test("the brief is bounded however much was collected")
    func bounded() {
        let text = Self.summary(events: 200, message: String(repeating: "m", count: 500)).brief
        #expect(text.count == DiagnosticsSummary.maxBriefLength)
        #expect(text.hasSuffix("…"))
    }

    @Test("a diagnostics outcome carries its brief into the lifecycle's message")
    func carriedIntoMessage() {
        let outcome = ExecutionOutcome(
            action: .collectDiagnostics, actionId: "id", dryRun: false, result: .succeeded, message: "collected 2 events",
            diagnostics: Self.summary())
        let observation = ExecutionObservation(outcome)
        #expect(observation.message.hasPrefix("collected 2 events: containers: web-1/app"))
        #expect(observation.result == .succeeded(alreadyApplied: false))
    }
}
