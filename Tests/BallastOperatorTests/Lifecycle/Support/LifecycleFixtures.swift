import BallastAPI
import BallastCore
import Foundation
import KubeTypes
@testable import BallastOperator

/// Requests, verdicts and observations shared by the lifecycle tests.
enum LifecycleFixture {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let uid = "rr-uid-1"
    static let web = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web", uid: "web-uid")
    static func actionId(_ attempt: Int) -> String { ActionID.make(requestUID: uid, attempt: attempt) }

    static var alertSpec: RemediationRequestSpec {
        RemediationRequestSpec(alert: AlertInfo(
            name: "KubeDeploymentReplicasMismatch", severity: .warning, fingerprint: "fp-1",
            labels: ["alertname": "KubeDeploymentReplicasMismatch", "namespace": "shop", "deployment": "web"]))
    }

    static var manualSpec: RemediationRequestSpec {
        RemediationRequestSpec(
            target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", name: "web"),
            action: RequestedAction(name: .restartDeployment))
    }

    /// A request whose spec fingerprint was recorded (as after its first reconcile).
    static func request(_ spec: RemediationRequestSpec = alertSpec, _ status: RemediationRequestStatus? = nil) -> RemediationRequest {
        RemediationRequest(
            metadata: ObjectMeta(
                name: "web-rr", namespace: "shop", uid: uid, generation: 1,
                annotations: [SpecFingerprint.annotationKey: SpecFingerprint(spec).annotation]),
            spec: spec, status: status)
    }

    static func decision(_ action: ActionName = .restartDeployment, confidence: Double = 0.9, source: DecisionSource = .llm) -> DecisionStatus {
        DecisionStatus(action: action, confidence: confidence, reasoning: "pods crash-loop after a config change", source: source)
    }

    static let allowed = Verdict(reasons: [], policies: ["default"])
    static let dryRunOnly = Verdict(
        reasons: [VerdictReason(code: .dryRunMode, effect: .dryRun, source: "default", message: "policy mode DryRun")],
        policies: ["default"])

    static func denied(_ code: PolicyReasonCode, retryAfter: Date? = nil) -> Verdict {
        Verdict(
            reasons: [VerdictReason(code: code, effect: .deny, source: "default", message: "\(code.rawValue) holds", retryAfter: retryAfter)],
            policies: ["default"])
    }

    static func approval(_ code: PolicyReasonCode = .approvalRequired) -> Verdict {
        Verdict(
            reasons: [VerdictReason(code: code, effect: .requireApproval, source: "default", message: "a person must approve")],
            policies: ["default"])
    }

    static let oscillating = Verdict(
        reasons: [VerdictReason(code: .oscillationDetected, effect: .deny, source: "default", message: "scale flapping")],
        policies: ["default"], escalate: true)

    /// Status at a phase with target, decision and (from Executing on) policy filled in.
    static func status(
        _ phase: RemediationPhase, decision: DecisionStatus? = LifecycleFixture.decision(), policy: Verdict? = allowed,
        execution: ExecutionStatus? = nil
    ) -> RemediationRequestStatus {
        RemediationRequestStatus(
            phase: phase, observedGeneration: 1, target: web, decision: decision,
            policy: policy.map { PolicyStatus(verdict: $0.decision, policies: $0.policies, reasons: [], dryRun: $0.dryRun, retryAfter: $0.retryAfter) },
            execution: execution)
    }

    /// Executing with attempt `attempt`, started (or not).
    static func executing(attempt: Int = 1, started: Bool, dryRun: Bool = false) -> RemediationRequestStatus {
        status(.executing, execution: ExecutionStatus(
            actionId: actionId(attempt), dryRun: dryRun, startedAt: started ? now.addingTimeInterval(-5) : nil))
    }

    static func pendingEntry(_ attempt: Int = 1) -> ActionEntry {
        ActionEntry(actionId: actionId(attempt), action: .restartDeployment, state: .pending, startedAt: now)
    }

    static func outcome(_ result: ExecutionObservation.Result, attempt: Int = 1) -> ExecutionObservation {
        ExecutionObservation(actionId: actionId(attempt), result: result, message: "restarted at \(now)")
    }
}

extension LifecycleStep {
    /// The effects that are neither events nor the status write.
    var actions: [LifecycleEffect] {
        effects.filter {
            switch $0 {
            case .emitEvent, .updateStatus: false
            default: true
            }
        }
    }

    /// The history completion of this step, if any.
    var completion: HistoryCompletion? {
        for case .completeHistoryEntry(let completion) in effects { return completion }
        return nil
    }

    /// The requeue delay of this step, if any.
    var requeueAfter: TimeInterval? {
        for case .requeue(let after) in effects { return after }
        return nil
    }

    var phase: RemediationPhase? { status.phase }

    func condition(_ type: String) -> Condition? { status.conditions?.condition(type) }
}

/// `next` at ``LifecycleFixture/now`` (or `at`).
func nextStep(_ request: RemediationRequest, _ observations: LifecycleObservations = LifecycleObservations(), at: Date = LifecycleFixture.now) -> LifecycleStep {
    RemediationLifecycle.next(request: request, observations: observations, now: at)
}
