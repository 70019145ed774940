import BallastAPI
import BallastCtl
import KubeTypes
import Testing

@Suite("ApprovalChange: when approve and reject write, and what")
struct ApprovalChangeTests {
    static func change(_ decision: ApprovalDecision = .approved, force: Bool = false) -> ApprovalChange {
        ApprovalChange(decision: decision, by: "alice", reason: "checked", at: Fixtures.now, force: force)
    }

    @Test("a request awaiting approval accepts either answer", arguments: [ApprovalDecision.approved, .rejected])
    func awaiting(decision: ApprovalDecision) {
        #expect(Self.change(decision).check(Fixtures.request(phase: .awaitingApproval)) == .write)
    }

    @Test("any other phase is refused, naming the request and its phase, unless forced",
          arguments: RemediationPhase.allCases.filter { $0 != .awaitingApproval })
    func otherPhases(phase: RemediationPhase) {
        let request = Fixtures.request(phase: phase)
        guard case .refuse(let message) = Self.change().check(request) else {
            Issue.record("\(phase) was not refused")
            return
        }
        #expect(message == "remediationrequest shop/web-oom is \(phase.rawValue), not AwaitingApproval: there is nothing to approve (--force records the answer anyway)")
        #expect(Self.change(force: true).check(request) == .write)
    }

    @Test("a blocked request that also needs approval can be answered ahead", arguments: [PolicyReasonCode.approvalRequired, .lowConfidence])
    func blockedNeedingApproval(code: PolicyReasonCode) {
        let policy = PolicyStatus(verdict: .denied, policies: ["default"], reasons: [
            PolicyReason(code: .coolingOff, message: "wait"), PolicyReason(code: code, message: "approve"),
        ])
        #expect(Self.change().check(Fixtures.request(phase: .blocked, policy: policy)) == .write)
        let onlyCoolingOff = PolicyStatus(verdict: .denied, policies: ["default"], reasons: [PolicyReason(code: .coolingOff, message: "wait")])
        #expect(Self.change().check(Fixtures.request(phase: .blocked, policy: onlyCoolingOff)) != .write)
    }

    @Test("a request without status is refused: nobody has analyzed it")
    func noStatus() {
        guard case .refuse(let message) = Self.change(.rejected).check(Fixtures.request(phase: nil)) else {
            Issue.record("not refused")
            return
        }
        #expect(message.contains("has no status yet"))
    }

    @Test("the same answer again changes nothing; a different answer is refused even with --force")
    func alreadyAnswered() {
        let approved = Approval(decision: .approved, by: "bob")
        let request = Fixtures.request(phase: .executing, approval: approved)
        #expect(Self.change(.approved).check(request) == .alreadyAnswered(approved))
        #expect(Self.change(.rejected, force: true).check(request)
            == .refuse("remediationrequest shop/web-oom was already approved by bob; an answer cannot be changed"))
    }

    @Test("the patch sets spec.approval, the reason and time annotations, and guards the resourceVersion")
    func patch() {
        let patch = Self.change(.rejected).mergePatch(resourceVersion: "42")
        #expect(patch == [
            "metadata": [
                "resourceVersion": "42",
                "annotations": [ApprovalChange.reasonAnnotation: "checked", ApprovalChange.atAnnotation: "2027-01-15T08:00:00Z"],
            ],
            "spec": ["approval": ["decision": "Rejected", "by": "alice"]],
        ])
        let withoutReason = ApprovalChange(decision: .approved, by: "a", reason: nil, at: Fixtures.now).mergePatch(resourceVersion: nil)
        #expect(withoutReason["metadata"]?["annotations"]?[ApprovalChange.reasonAnnotation] == .null)
        #expect(withoutReason["metadata"]?["resourceVersion"] == nil)
    }

    @Test("exhaustively: an answer is written only over no answer, and only while awaiting approval or forced")
    func exhaustive() {
        let phases: [RemediationPhase?] = [nil] + RemediationPhase.allCases.map(Optional.some)
        let existing: [Approval?] = [nil, Approval(decision: .approved, by: "bob"), Approval(decision: .rejected, by: "bob")]
        for phase in phases {
            for answer in existing {
                for decision in ApprovalDecision.allCases {
                    for force in [false, true] {
                        let check = Self.change(decision, force: force).check(Fixtures.request(phase: phase, approval: answer))
                        switch check {
                        case .write:
                            #expect(answer == nil && (phase == .awaitingApproval || force))
                        case .alreadyAnswered(let recorded):
                            #expect(recorded == answer && answer?.decision == decision)
                        case .refuse:
                            #expect(answer.map { $0.decision != decision } ?? (phase != .awaitingApproval && !force))
                        }
                    }
                }
            }
        }
    }
}
