import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

@Suite struct DeduplicationDecisionTests {
    func request(_ name: String, _ phase: RemediationPhase?, resolved: Bool = false, at second: Double) -> ExistingRequest {
        ExistingRequest(name: name, phase: phase, alertResolved: resolved, createdAt: Date(timeIntervalSince1970: second))
    }

    @Test func firstAlertCreatesTheBaseName() {
        #expect(FiringDecision.decide(baseName: "x-1", existing: []) == .create(name: "x-1"))
    }

    @Test(arguments: [nil, RemediationPhase.pending, .analyzing, .awaitingApproval, .executing, .verifying, .blocked])
    func activeRequestAbsorbsTheAlert(phase: RemediationPhase?) {
        let existing = [request("x-1", phase, at: 1)]
        #expect(FiringDecision.decide(baseName: "x-1", existing: existing) == .deduplicate(name: "x-1"))
    }

    @Test(arguments: [RemediationPhase.completed, .failed, .escalated, .skipped])
    func finishedRequestsLeadToANewNumberedRequest(phase: RemediationPhase) {
        let existing = [request("x-1", phase, at: 1), request("x-1-2", phase, at: 2)]
        #expect(FiringDecision.decide(baseName: "x-1", existing: existing) == .create(name: "x-1-3"))
    }

    @Test func resolvedButRunningRequestIsNotActiveAnyMore() {
        let existing = [request("x-1", .executing, resolved: true, at: 1)]
        #expect(FiringDecision.decide(baseName: "x-1", existing: existing) == .create(name: "x-1-2"))
    }

    @Test func newestActiveRequestWins() {
        let existing = [request("x-1", .pending, at: 5), request("x-1-2", .verifying, at: 9), request("x-1-3", .completed, at: 10)]
        #expect(FiringDecision.decide(baseName: "x-1", existing: existing) == .deduplicate(name: "x-1-2"))
    }

    @Test func resolutionMarksEveryUnresolvedRequestOldestFirst() {
        let existing = [
            request("b", .completed, at: 3), request("a", .executing, at: 1), request("c", .failed, resolved: true, at: 2),
        ]
        #expect(ResolutionDecision.requestsToMark(existing) == ["a", "b"])
        #expect(ResolutionDecision.requestsToMark([request("c", .failed, resolved: true, at: 2)]).isEmpty)
    }

    @Test func summaryReadsARequestObject() {
        let meta = ObjectMeta(name: "x-1", namespace: "shop", creationTimestamp: Date(timeIntervalSince1970: 7))
        let object = RemediationRequest(
            metadata: meta, spec: RemediationRequestSpec(alert: AlertInfo(name: "X")),
            status: RemediationRequestStatus(phase: .verifying, verification: VerificationStatus(alertResolved: true)))
        let summary = ExistingRequest(object)
        #expect(summary == ExistingRequest(name: "x-1", phase: .verifying, alertResolved: true, createdAt: Date(timeIntervalSince1970: 7)))
        #expect(!summary.isActive)
    }
}
