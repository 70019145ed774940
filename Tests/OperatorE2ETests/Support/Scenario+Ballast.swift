import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Synchronization

/// Ballast's objects in a scenario: the test's SafetyPolicy, requests, histories and Events,
/// read straight from the API server (not from the operator's caches).
extension Scenario {
    /// The test's cluster-scoped SafetyPolicy, named after the namespace.
    var policyName: String { "e2e-\(namespace)" }

    /// The policy every scenario starts from: Enforce, selecting only this namespace, actions
    /// at confidence ≥ 0.5, no cooling-off, and the workload actions allowed.
    var basePolicySpec: [String: JSONValue] {
        [
            "mode": "Enforce",
            "namespaceSelector": ["matchLabels": [.init(stringLiteral: Self.namespaceLabel): .string(namespace)]],
            "minConfidence": 0.5,
            "maxConcurrent": 10,
            "rateLimit": ["maxActions": 100, "per": "1h"],
            "coolingOff": ["sameAction": "0", "anyAction": "0"],
            "actions": [
                ["name": "scale_deployment", "limits": ["minReplicas": 1, "maxReplicas": 10, "maxStep": 5]],
                ["name": "rollback_deployment"],
                ["name": "restart_deployment"],
            ],
        ]
    }

    /// Creates (or replaces) the test's SafetyPolicy: ``basePolicySpec`` with `overrides`
    /// replacing top-level keys.
    func applyPolicy(_ overrides: [String: JSONValue] = [:]) async throws {
        let spec = basePolicySpec.merging(overrides) { _, new in new }
        let policy: JSONValue = [
            "apiVersion": "ballast.dev/v1alpha1", "kind": "SafetyPolicy",
            "metadata": ["name": .string(policyName)],
            "spec": .object(spec),
        ]
        let data = try JSONEncoder().encode(policy)
        try await cluster.kubectlChecked(["apply", "-f", "-"], input: String(decoding: data, as: UTF8.self))
    }

    /// Sets or clears the policy's emergency stop.
    func setEmergencyStop(_ enabled: Bool) async throws {
        try await client.patch(
            SafetyPolicy.self, .safetyPolicies, name: policyName,
            .merge(["spec": ["emergencyStop": ["enabled": .bool(enabled), "reason": "e2e test", "by": "e2e@ballast.dev"]]]))
    }

    /// The SafetyPolicy as stored.
    func policy() async throws -> SafetyPolicy {
        try await client.get(SafetyPolicy.self, .safetyPolicies, name: policyName)
    }

    /// A Deployment `name` in the namespace as a target reference (no uid).
    func deploymentTarget(_ name: String) -> TargetReference {
        TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: name)
    }

    /// Creates a manual request (`spec.action` + `spec.target`, no alert) named `name`.
    @discardableResult
    func requestAction(
        _ name: String, _ action: ActionName, parameters: [String: JSONValue] = [:], on deployment: String
    ) async throws -> RemediationRequest {
        let request = RemediationRequest(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: RemediationRequestSpec(
                target: deploymentTarget(deployment), mode: .auto,
                action: RequestedAction(name: action, parameters: parameters)))
        return try await client.create(request, .remediationRequests)
    }

    /// The request `name` as stored.
    func request(_ name: String) async throws -> RemediationRequest {
        try await client.get(RemediationRequest.self, .remediationRequests, name: name, namespace: namespace)
    }

    /// Every request in the namespace.
    func requests() async throws -> [RemediationRequest] {
        try await client.list(RemediationRequest.self, .remediationRequests, namespace: namespace).items
    }

    /// Waits until request `name` reaches one of `phases` and returns it; the timeout message
    /// names the phase it was in.
    @discardableResult
    func waitForRequest(
        _ name: String, in phases: Set<RemediationPhase>, timeout: Duration = .seconds(40)
    ) async throws -> RemediationRequest {
        let last = LastSeen<String>()
        return try await eventually(
            "request \(name) in \(phases.map(\.rawValue).sorted())", timeout: timeout, lastSeen: last
        ) {
            let request = try await self.request(name)
            last.set(Self.summary(request))
            return request.status?.phase.map(phases.contains) == true ? request : nil
        }
    }

    /// One line describing a request's status for failure messages.
    static func summary(_ request: RemediationRequest) -> String {
        let status = request.status
        let conditions = (status?.conditions ?? []).map { "\($0.type)=\($0.status.rawValue)/\($0.reason)" }
        return "phase \(status?.phase?.rawValue ?? "-"), decision \(status?.decision?.action.rawValue ?? "-"), "
            + "reasons \((status?.policy?.reasons ?? []).map(\.code.rawValue)), conditions \(conditions)"
    }

    /// The ActionHistory of Deployment `deployment`, or `nil` while there is none.
    func history(ofDeployment deployment: String) async throws -> ActionHistory? {
        let name = ActionHistory.name(for: deploymentTarget(deployment))
        do {
            return try await client.get(ActionHistory.self, .actionHistories, name: name, namespace: namespace)
        } catch where error.code == .notFound {
            return nil
        }
    }

    /// The Events recorded on object `name` in the namespace, oldest first.
    func events(about name: String) async throws -> [Event] {
        try await client.list(
            Event.self, .events, namespace: namespace,
            options: ListOptions(fieldSelector: "involvedObject.name=\(name)")
        ).items.sorted { ($0.lastTimestamp ?? .distantPast) < ($1.lastTimestamp ?? .distantPast) }
    }

    /// Waits until an Event with `reason` is recorded on `name` (Events are written
    /// asynchronously); returns the reasons of every Event on it, oldest first.
    @discardableResult
    func waitForEvent(_ reason: String, about name: String, timeout: Duration = .seconds(15)) async throws -> [String] {
        let last = LastSeen<String>()
        return try await eventually("an Event \(reason) on \(name)", timeout: timeout, lastSeen: last) {
            let reasons = try await events(about: name).compactMap(\.reason)
            last.set("Events \(reasons)")
            return reasons.contains(reason) ? reasons : nil
        }
    }
}

/// The last value a polling loop saw, for its failure message.
final class LastSeen<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    func set(_ newValue: Value) { value.withLock { $0 = newValue } }
    var current: Value? { value.withLock { $0 } }
}
