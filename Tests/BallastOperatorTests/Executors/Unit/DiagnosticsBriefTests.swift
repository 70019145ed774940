import BallastAPI
import Foundation
import Testing
@testable import BallastOperator

@Suite("Remediation: collect_diagnostics summaries in the request's status")
struct DiagnosticsBriefTests {
    static func summary(events: Int = 1, message: String = "Back-off restarting failed container") -> DiagnosticsStatus {
        DiagnosticsStatus(
            collectedAt: Date(timeIntervalSince1970: 0),
            pods: [DiagnosticsPod(name: "web-1", phase: "Running", containers: [
                DiagnosticsContainer(name: "app", ready: false, restartCount: 7, state: "waiting: CrashLoopBackOff", lastTermination: "Error (exit 1)"),
            ])],
            events: (0..<events).map { DiagnosticsEvent(object: "Pod web-1", type: "Warning", reason: "BackOff", message: message, count: Int32($0 + 1)) }
                + [DiagnosticsEvent(object: "Pod web-1", type: "Normal", reason: "Pulled", message: "pulled", count: 1)],
            logs: [], notes: ["logs of web-1/app unavailable: no kubelet"])
    }

    @Test("the brief names container states, warning Events and notes, and leaves normal Events out")
    func brief() {
        let text = Self.summary().brief
        #expect(text == "containers: web-1/app waiting: CrashLoopBackOff (restarts 7), last Error (exit 1) | "
            + "warnings: BackOff×1 on Pod web-1: Back-off restarting failed container | notes: logs of web-1/app unavailable: no kubelet")
        #expect(DiagnosticsStatus(collectedAt: Date(timeIntervalSince1970: 0)).brief == "nothing unusual found")
    }

    @Test("the brief is bounded however much was collected")
    func bounded() {
        let text = Self.summary(events: 200, message: String(repeating: "m", count: 500)).brief
        #expect(text.count == DiagnosticsStatus.maxBriefLength)
        #expect(text.hasSuffix("…"))
    }
}

@Suite struct DiagnosticsListingTests {
    @Test func eventsAreSelectedByTheInvolvedObjectsKindAndName() {
        #expect(ActionExecutor.eventSelector(kind: "Pod", name: "web-0") == "involvedObject.kind=Pod,involvedObject.name=web-0")
    }

    @Test func aCutListingIsNamedWithItsPageSize() {
        #expect(ActionExecutor.truncationNote("Events of Deployment shop/web", page: 500)
            == "Events of Deployment shop/web: only the first 500 were read; the API server has more")
        #expect(ActionExecutor.describe(kind: "Node", name: "n1", namespace: nil) == "Node n1")
        #expect(ActionExecutor.describe(kind: "Pod", name: "web-0", namespace: "shop") == "Pod shop/web-0")
    }

    @Test func theListingPageIsAtLeastOne() {
        #expect(DiagnosticsBounds(listPage: 0).listPage == 1)
        #expect(DiagnosticsBounds().listPage == 500)
    }
}
