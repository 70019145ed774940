import BallastAPI
import Foundation
import Testing
@testable import BallastOperator

@Suite("Lifecycle: collect_diagnostics findings reach status.diagnostics")
struct LifecycleDiagnosticsTests {
    static let findings = DiagnosticsStatus(
        collectedAt: LifecycleFixture.now,
        pods: [DiagnosticsPod(name: "web-1", phase: "Running", node: "worker-1", containers: [
            DiagnosticsContainer(name: "app", ready: false, restartCount: 5, state: "Waiting: CrashLoopBackOff", lastTermination: "Error (exit 1)"),
        ])],
        events: [DiagnosticsEvent(object: "Pod/web-1", type: "Warning", reason: "BackOff", message: "Back-off restarting failed container", count: 3)],
        logs: [DiagnosticsLog(pod: "web-1", container: "app", lines: ["panic: boom"])],
        notes: ["logs of web-1/sidecar unavailable: the log is empty"])

    private func diagnosing(_ status: RemediationRequestStatus = LifecycleFixture.executing(started: true)) -> RemediationRequest {
        var status = status
        status.decision = LifecycleFixture.decision(.collectDiagnostics)
        return LifecycleFixture.request(LifecycleFixture.alertSpec, status)
    }

    private func outcome(_ diagnostics: DiagnosticsStatus?) -> ExecutionObservation {
        ExecutionObservation(
            actionId: LifecycleFixture.actionId(1), result: .succeeded(alreadyApplied: false), message: "collected 1 events",
            diagnostics: diagnostics)
    }

    @Test("finishing sets status.diagnostics to the findings, completes, and keeps a short message")
    func finishSetsDiagnostics() {
        let result = nextStep(diagnosing(), LifecycleObservations(
            intent: .recorded(LifecycleFixture.pendingEntry()), execution: outcome(Self.findings)))
        #expect(result.phase == .completed)
        #expect(result.status.diagnostics == Self.findings)
        #expect(result.status.execution?.message == "collected 1 events")
        #expect(result.completion?.message == "collected 1 events", "the history entry gets the message, not the findings")
    }

    @Test("an outcome without findings leaves earlier diagnostics as they were")
    func outcomeWithoutFindingsKeepsEarlierOnes() {
        var status = LifecycleFixture.executing(started: true)
        status.diagnostics = Self.findings
        let result = nextStep(diagnosing(status), LifecycleObservations(
            intent: .recorded(LifecycleFixture.pendingEntry()), execution: outcome(nil)))
        #expect(result.status.diagnostics == Self.findings)
    }

    @Test("a mutating action's outcome writes no diagnostics")
    func mutatingActionHasNone() {
        let result = nextStep(
            LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.executing(started: true)),
            LifecycleObservations(intent: .recorded(LifecycleFixture.pendingEntry()), execution: LifecycleFixture.outcome(.succeeded(alreadyApplied: false))))
        #expect(result.phase == .verifying)
        #expect(result.status.diagnostics == nil)
    }

    @Test("the reconciler's mapping carries the executor's findings and appends their brief to the message")
    func observationCarriesFindings() {
        let executed = ExecutionOutcome(
            action: .collectDiagnostics, actionId: "id", dryRun: false, result: .succeeded, message: "collected 1 events",
            diagnostics: Self.findings)
        let observation = ExecutionObservation(executed)
        #expect(observation.diagnostics == Self.findings)
        #expect(observation.message == "collected 1 events: \(Self.findings.brief)")
    }
}
