import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes

/// What the action-family tests add to a ``Scenario``: a policy allowing every catalog action,
/// requests on any kind of target (real or dry run), waiting for their execution, and their
/// ActionHistory entries.
extension Scenario {
    /// Every catalog action allowed, with limits generous enough for the tests' parameters.
    static let everyActionAllowed: JSONValue = [
        ["name": "scale_deployment", "limits": ["minReplicas": 0, "maxReplicas": 10, "maxStep": 5]],
        ["name": "scale_statefulset", "limits": ["minReplicas": 0, "maxReplicas": 10, "maxStep": 5]],
        ["name": "restart_deployment"], ["name": "restart_statefulset"], ["name": "restart_daemonset"],
        ["name": "rollback_deployment"],
        ["name": "increase_resources", "limits": ["maxFactor": 2, "maxMemory": "2Gi"]],
        ["name": "delete_pod"], ["name": "update_hpa", "limits": ["maxReplicas": 20, "maxStep": 10]],
        ["name": "cordon_node"], ["name": "uncordon_node"], ["name": "drain_node", "limits": ["maxPods": 10]],
        ["name": "expand_pvc", "limits": ["maxSize": "10Gi"]],
    ]

    /// The base policy with ``everyActionAllowed``.
    func applyEveryActionPolicy() async throws {
        try await applyPolicy(["actions": Self.everyActionAllowed])
    }

    /// ``applyEveryActionPolicy()`` with an empty namespace selector: it covers the whole
    /// cluster, cluster-scoped targets (Nodes) included. Only for `…SerialTests` suites, which
    /// run alone, since it applies to every other test's targets too.
    func applyClusterWidePolicy() async throws {
        try await applyPolicy(["actions": Self.everyActionAllowed, "namespaceSelector": [:]])
    }

    /// A target of `kind` named `name`: in the scenario's namespace unless `clusterScoped`.
    func target(_ kind: String, _ name: String, clusterScoped: Bool = false) -> TargetReference {
        let apiVersion = switch kind {
        case "Deployment", "StatefulSet", "DaemonSet": "apps/v1"
        case "HorizontalPodAutoscaler": "autoscaling/v2beta2"
        default: "v1"
        }
        return TargetReference(apiVersion: apiVersion, kind: kind, namespace: clusterScoped ? nil : namespace, name: name)
    }

    /// Creates a manual request for `action` on any `target`, in `mode` (`DryRun` for a
    /// server-side dry run).
    @discardableResult
    func requestAction(
        _ name: String, _ action: ActionName, parameters: [String: JSONValue] = [:], target: TargetReference,
        mode: RequestMode = .auto
    ) async throws -> RemediationRequest {
        let request = RemediationRequest(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: RemediationRequestSpec(
                target: target, mode: mode, action: RequestedAction(name: action, parameters: parameters)))
        return try await client.create(request, .remediationRequests)
    }

    /// Waits until request `name` ends (any phase after execution or a refusal) and returns it.
    func waitForOutcome(_ name: String, timeout: Duration = .seconds(40)) async throws -> RemediationRequest {
        try await waitForRequest(name, in: [.verifying, .completed, .failed, .blocked, .escalated, .skipped], timeout: timeout)
    }

    /// Waits until request `name`'s `Executed` condition has `reason` (e.g. `Succeeded`, or
    /// `BlockedByDisruptionBudget`) and returns the request. Phases after it depend on the
    /// verification (a kubelet-less target may verify as unhealthy), so tests judge the execution
    /// by this condition and `status.execution`.
    @discardableResult
    func waitForExecuted(_ name: String, reason: String, timeout: Duration = .seconds(40)) async throws -> RemediationRequest {
        let last = LastSeen<String>()
        return try await eventually("request \(name) executed with reason \(reason)", timeout: timeout, lastSeen: last) {
            let request = try await self.request(name)
            last.set(Self.summary(request))
            return Self.condition("Executed", of: request)?.reason == reason ? request : nil
        }
    }

    /// The condition `type` of `request`.
    static func condition(_ type: String, of request: RemediationRequest) -> Condition? {
        request.status?.conditions?.first { $0.type == type }
    }

    /// The ActionHistory entries of `target`, oldest first (empty while there is none).
    func historyEntries(of target: TargetReference) async throws -> [ActionEntry] {
        let name = ActionHistory.name(for: target)
        let histories = try await client.list(ActionHistory.self, .actionHistories, namespace: namespace).items
        return histories.first { $0.metadata.name == name }?.status?.entries ?? []
    }

    /// Waits until the history of `target` holds a completed entry for `actionId` and returns it.
    func historyEntry(of target: TargetReference, actionId: String?) async throws -> ActionEntry {
        try await eventually("ActionHistory entry \(actionId ?? "-") of \(target.kind) \(target.name) completed") {
            try await self.historyEntries(of: target).first { $0.actionId == actionId && $0.state != .pending }
        }
    }
}
