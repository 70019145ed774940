import BallastAPI
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Testing
@testable import BallastOperator

@Suite("Remediation: executor outcomes, deletion settlement, fault points")
struct ReconcilerValueTests {
    static func outcome(_ result: ExecutionOutcome.Result) -> ExecutionOutcome {
        ExecutionOutcome(
            action: .scaleDeployment, actionId: "id-1", dryRun: false, result: result, message: "m",
            changes: [FieldChange(path: "spec.replicas", from: 2, to: 4)], before: ["replicas": 2], after: ["replicas": 4])
    }

    static func failure(_ code: String) -> ExecutionOutcome.Result {
        .failed(ExecutionFailure(code: code, operation: "PATCH deployments.apps shop/web", message: "x"))
    }

    @Test("executor outcomes map as ExecutionObservation documents", arguments: [
        (ExecutionOutcome.Result.succeeded, ExecutionObservation.Result.succeeded(alreadyApplied: false)),
        (.alreadyApplied, .succeeded(alreadyApplied: true)),
        (.refused(Refusal(.hpaOwned, "use update_hpa")), .refused(reason: "HPAOwned")),
        (.blockedByDisruptionBudget(message: "pdb"), .blockedByDisruptionBudget),
        (failure("timeout"), .failed(transient: true)),
        (failure("tooManyRequests"), .failed(transient: true)),
        (failure("serverError"), .failed(transient: true)),
        (failure("conflict"), .failed(transient: true)),
        (failure("transport"), .failed(transient: true)),
        (failure("forbidden"), .failed(transient: false)),
        (failure("invalid"), .failed(transient: false)),
        (failure("evictionFailed"), .failed(transient: false)),
    ])
    func mapping(result: ExecutionOutcome.Result, expected: ExecutionObservation.Result) {
        let observation = ExecutionObservation(Self.outcome(result))
        #expect(observation.result == expected)
        #expect(observation.actionId == "id-1")
        #expect(observation.changes.map(\.path) == ["spec.replicas"])
        #expect(observation.before == ["replicas": 2])
        #expect(observation.after == ["replicas": 4])
    }

    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let pending = ActionEntry(actionId: "id-1", action: .scaleDeployment, state: .pending, startedAt: now)

    @Test("a deleted request completes its Pending entry from what the target shows", arguments: [
        (false, false, false, EntryState.abandoned), (false, true, false, .abandoned), (true, false, false, .abandoned),
        (true, true, false, .succeeded),
        // A dry run leaves nothing on the target to show: started, it ran.
        (false, false, true, .abandoned), (true, false, true, .dryRun), (true, true, true, .dryRun),
    ])
    func settlement(started: Bool, applied: Bool, dryRun: Bool, expected: EntryState) throws {
        let execution = ExecutionStatus(actionId: "id-1", dryRun: dryRun, startedAt: started ? Self.now : nil)
        let completion = try #require(DeletionSettlement.completion(execution: execution, entry: Self.pending, shows: applied ? .applied("stamp") : .notApplied, now: Self.now))
        #expect(completion.state == expected)
        #expect(completion.actionId == "id-1")
        #expect(completion.message.contains("request deleted"))
    }

    @Test("a deleted request whose action was cut short records it Failed, saying what is left")
    func settlementOfAPartialAction() throws {
        let execution = ExecutionStatus(actionId: "id-1", dryRun: false, startedAt: Self.now)
        let completion = try #require(DeletionSettlement.completion(
            execution: execution, entry: Self.pending, shows: .partiallyApplied("1 pod(s) still to evict: shop/web-0"), now: Self.now))
        #expect(completion.state == .failed)
        #expect(completion.message == "request deleted; the action was interrupted after changing part of the target: 1 pod(s) still to evict: shop/web-0")
        let unstarted = ExecutionStatus(actionId: "id-1", dryRun: false)
        #expect(DeletionSettlement.completion(execution: unstarted, entry: Self.pending, shows: .partiallyApplied("x"), now: Self.now)?.state == .abandoned)
    }

    @Test("nothing to settle when the entry is finished, absent or of another action")
    func nothingToSettle() {
        let execution = ExecutionStatus(actionId: "id-1", dryRun: false, startedAt: Self.now)
        var done = Self.pending
        done.state = .succeeded
        var other = Self.pending
        other.actionId = "id-2"
        for entry in [done, other] {
            #expect(DeletionSettlement.completion(execution: execution, entry: entry, shows: .applied("stamp"), now: Self.now) == nil)
        }
        #expect(DeletionSettlement.completion(execution: execution, entry: nil, shows: .applied("stamp"), now: Self.now) == nil)
    }

    @Test("the fault point is armed only by a known value of BALLAST_FAULT_POINT", arguments: [
        (nil as String?, nil as FaultPoint.Point?, nil as String?), ("", nil, nil), ("after-intent", .afterIntent, nil),
        ("after-execute", .afterExecute, nil), ("after-lunch", nil, "after-lunch"),
    ])
    func faultPoint(value: String?, armed: FaultPoint.Point?, unrecognized: String?) {
        let point = FaultPoint(environment: value.map { [FaultPoint.environmentVariable: $0] } ?? [:])
        #expect(point.armed == armed)
        #expect(point.unrecognized == unrecognized)
    }
}

@Suite("Remediation: a freed concurrency slot wakes the requests waiting for one")
struct ConcurrencyWakeUpTests {
    static func request(_ name: String, _ phase: RemediationPhase?, namespace: String = "shop", code: PolicyReasonCode? = nil) -> RemediationRequest {
        RemediationRequest(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: RemediationRequestSpec(alert: AlertInfo(name: "A")),
            status: RemediationRequestStatus(
                phase: phase,
                policy: code.map { PolicyStatus(verdict: .denied, policies: ["p"], reasons: [PolicyReason(code: $0, message: "m")]) }))
    }

    static let waiting = [
        request("slot", .blocked, code: .maxConcurrent), request("cool", .blocked, code: .coolingOff),
        request("other-ns", .blocked, namespace: "elsewhere", code: .maxConcurrent), request("running", .executing),
    ]

    @Test("only leaving Executing (or vanishing in it) frees a slot", arguments: [
        (RemediationPhase.verifying, true), (.completed, true), (.failed, true), (.blocked, true),
        (.executing, false),
    ])
    func leavingExecutingFreesASlot(to phase: RemediationPhase, frees: Bool) {
        let executing = Self.request("changed", .executing)
        #expect(ConcurrencyWakeUp.freesSlot(.updated(old: executing, new: Self.request("changed", phase))) == frees)
        #expect(!ConcurrencyWakeUp.freesSlot(.updated(old: Self.request("changed", .analyzing), new: Self.request("changed", phase))),
                "a request that was not executing held no slot")
        #expect(ConcurrencyWakeUp.freesSlot(.deleted(executing)))
        #expect(!ConcurrencyWakeUp.freesSlot(.added(executing)))
    }

    @Test("a freed slot wakes the in-scope requests blocked by MaxConcurrent, and only them")
    func wakesTheBlocked() {
        #expect(ConcurrencyWakeUp.blocked(in: Self.waiting, scope: NamespaceScope(["shop"])).map(\.name) == ["slot"])
    }

    @Test("a status is stamped again unless it is the one the run holds and has its historyRef")
    func stampingIsSkippedOnlyForTheHeldStampedStatus() {
        var status = RemediationRequestStatus()
        status.phase = .pending
        #expect(RemediationReconciler.alreadyStamped(status, holding: status), "no target, nothing to reference")
        status.target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web")
        #expect(!RemediationReconciler.alreadyStamped(status, holding: status), "a target without its historyRef")
        var referenced = status
        referenced.historyRef = "deployment-web"
        #expect(RemediationReconciler.alreadyStamped(referenced, holding: referenced))
        var changed = referenced
        changed.phase = .executing
        #expect(!RemediationReconciler.alreadyStamped(changed, holding: referenced))
        #expect(!RemediationReconciler.alreadyStamped(referenced, holding: nil))
    }

    @Test("a verdict of many policies is cut to the CRD's bounds, strongest reasons kept, so the status write never fails")
    func policyStatusIsBounded() {
        let long = String(repeating: "é", count: 2_000)
        let policy = PolicyStatus(
            verdict: .denied, policies: (0..<40).map { "policy-\($0)" },
            reasons: (0..<20).map { PolicyReason(code: $0 == 0 ? .emergencyStop : .coolingOff, message: "\($0) \(long)") })
        let bounded = RemediationReconciler.bounded(policy)
        #expect(bounded.policies == (0..<32).map { "policy-\($0)" })
        #expect(bounded.reasons.count == 16)
        #expect(bounded.reasons.first?.code == .emergencyStop)
        #expect(bounded.reasons.allSatisfy { $0.message.unicodeScalars.count == 1_024 && $0.message.hasSuffix("…") })
        let small = PolicyStatus(verdict: .allowed, policies: ["default"], reasons: [PolicyReason(code: .dryRunMode, message: "spec.mode is DryRun")])
        #expect(RemediationReconciler.bounded(small) == small, "a status within bounds is left as it is")
    }
}
