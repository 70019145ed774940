import BallastAPI
import Foundation
import KubeClient
import KubeTypes

/// Kubernetes errors as the client reports them.
enum KubeErrorFixtures {
    static let notFound = KubeError(
        code: .notFound, message: "remediationrequests.ballast.dev \"foo\" not found", httpStatus: 404)
    static let forbidden = KubeError(
        code: .forbidden, message: "User \"lowpriv\" cannot patch resource \"safetypolicies\"", httpStatus: 403)
}

/// Objects for the pure tests, around one fixed instant.
enum Fixtures {
    /// 2027-01-15T08:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func minutes(_ value: Double) -> Date { now.addingTimeInterval(value * 60) }

    static let webTarget = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web", uid: "6f1c")

    /// A request in `shop` with an alert, created 10 minutes ago.
    static func request(
        name: String = "web-oom", phase: RemediationPhase?, created: Date = minutes(-10),
        decision: DecisionStatus? = nil, policy: PolicyStatus? = nil, execution: ExecutionStatus? = nil,
        verification: VerificationStatus? = nil, conditions: [Condition]? = nil, approval: Approval? = nil,
        spec: RemediationRequestSpec? = nil
    ) -> RemediationRequest {
        var requestSpec = spec ?? RemediationRequestSpec(
            alert: AlertInfo(name: "KubeContainerOOMKilled", severity: .warning, source: "alertmanager", startsAt: minutes(-12)))
        requestSpec.approval = approval
        let status = phase.map {
            RemediationRequestStatus(
                phase: $0, observedGeneration: 1, target: webTarget, decision: decision, policy: policy,
                execution: execution, verification: verification, historyRef: "deployment-web", conditions: conditions)
        }
        return RemediationRequest(
            metadata: ObjectMeta(name: name, namespace: "shop", uid: "uid-\(name)", resourceVersion: "42", generation: 1, creationTimestamp: created),
            spec: requestSpec, status: status)
    }

    static let llmDecision = DecisionStatus(
        action: .increaseResources, parameters: ["container": "app", "memoryLimit": "768Mi"], confidence: 0.86,
        reasoning: "OOMKilled 3 times in 20m at the 512Mi limit.", source: .llm, model: "granite3.1-dense:8b",
        latencyMs: 1840, alternatives: [AlternativeAction(action: .restartDeployment, confidence: 0.3)])

    static let rollbackDecision = DecisionStatus(action: .rollbackDeployment, confidence: 1, source: .requested)

    static func condition(_ type: String, _ status: ConditionStatus, _ reason: String, _ message: String, at: Date = minutes(-5)) -> Condition {
        Condition(type: type, status: status, observedGeneration: 1, lastTransitionTime: at, reason: reason, message: message)
    }

    static func policy(
        name: String, generation: Int64 = 2, stop: EmergencyStop? = nil, observedGeneration: Int64? = nil,
        active: Bool? = nil, annotations: [String: String]? = nil
    ) -> SafetyPolicy {
        SafetyPolicy(
            metadata: ObjectMeta(name: name, generation: generation, annotations: annotations),
            spec: SafetyPolicySpec(emergencyStop: stop),
            status: observedGeneration.map {
                SafetyPolicyStatus(observedGeneration: $0, emergencyStop: active.map { EmergencyStopStatus(active: $0) })
            })
    }
}

/// Reads rendered tables back into cells.
enum TableCells {
    /// The cells of one table line: columns are separated by at least three spaces.
    static func of(_ line: String) -> [String] {
        line.split(separator: /\s{3,}/).map(String.init)
    }
}
