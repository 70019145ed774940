import BallastAPI
import Foundation
import BallastCore
import Testing
@testable import BallastOperator

@Suite("Remediation: a policy denial is counted when it blocks, not at every re-check")
struct DenialCountingTests {
    let analyzing = LifecycleFixture.request(LifecycleFixture.alertSpec, LifecycleFixture.status(.analyzing, policy: nil))

    /// The request as the lifecycle leaves it after denying `code`.
    func denied(_ code: PolicyReasonCode) -> RemediationRequest {
        let step = RemediationLifecycle.next(
            request: analyzing,
            observations: LifecycleObservations(verdict: LifecycleFixture.denied(code, retryAfter: LifecycleFixture.now + 60)),
            now: LifecycleFixture.now)
        var request = analyzing
        request.status = step.status
        return request
    }

    @Test("a Blocked request denied again for the same reason repeats its denial", arguments: [
        PolicyReasonCode.coolingOff, .rateLimited, .maxConcurrent, .circuitOpen,
    ])
    func sameReasonRepeats(code: PolicyReasonCode) {
        let blocked = denied(code)
        #expect(blocked.status?.phase == .blocked)
        #expect(RemediationReconciler.repeats([code], of: blocked))
    }

    @Test("a new reason, a request not yet blocked, or one that failed is counted")
    func otherwiseCounted() {
        #expect(!RemediationReconciler.repeats([.rateLimited], of: denied(.coolingOff)), "another reason is a new denial")
        #expect(!RemediationReconciler.repeats([.coolingOff], of: analyzing), "the first denial counts")
        let failed = denied(.actionNotAllowed)
        #expect(failed.status?.phase == .failed)
        #expect(!RemediationReconciler.repeats([.actionNotAllowed], of: failed))
    }
}
