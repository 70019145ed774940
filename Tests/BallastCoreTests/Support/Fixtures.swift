import BallastAPI
import BallastCore
import Foundation
import KubeTypes

/// Shared builders for the core tests: a fixed clock and terse entry/policy constructors.
enum Fixture {
    /// 2026-11-20T12:00:00Z, aligned to every flap interval used in the tests.
    static let now = Date(timeIntervalSince1970: 1_795_608_000)

    static let deployment = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web")

    /// `minutes` minutes before ``now``.
    static func ago(_ minutes: Double) -> Date { now.addingTimeInterval(-minutes * 60) }

    static func entry(
        _ action: ActionName, at minutesAgo: Double, state: EntryState = .succeeded, effectiveness: Double? = nil,
        before: [String: JSONValue]? = nil, after: [String: JSONValue]? = nil, alert: String? = "Alert",
        id: String? = nil
    ) -> ActionEntry {
        ActionEntry(
            actionId: id ?? "\(action.rawValue)-\(minutesAgo)", alert: alert, action: action, state: state,
            startedAt: ago(minutesAgo), before: before, after: after, effectiveness: effectiveness)
    }

    /// A scale entry moving replicas `from` → `to`.
    static func scale(_ from: Int64, _ to: Int64, at minutesAgo: Double, effectiveness: Double? = 0.2) -> ActionEntry {
        entry(.scaleDeployment, at: minutesAgo, effectiveness: effectiveness,
              before: ["replicas": .int(from)], after: ["replicas": .int(to)])
    }

    static func alert(_ name: String, _ state: AlertState, at minutesAgo: Double) -> AlertObservation {
        AlertObservation(name: name, state: state, at: ago(minutesAgo))
    }

    static func policy(_ name: String, _ spec: SafetyPolicySpec = SafetyPolicySpec()) -> SafetyPolicy {
        SafetyPolicy(metadata: ObjectMeta(name: name), spec: spec)
    }

    /// A proposal for `action` on the shop/web Deployment with confidence 0.9.
    static func proposal(
        _ action: ActionName = .restartDeployment, parameters: [String: JSONValue] = [:],
        confidence: Double = 0.9, target: TargetReference = deployment
    ) -> ProposedAction {
        ProposedAction(
            target: target, namespaceLabels: ["team": "shop"], targetLabels: ["app": "web"], action: action,
            parameters: parameters, confidence: confidence)
    }

    /// Zero counts for each named policy: nothing executing, nothing executed.
    static func quiet(_ names: [String]) -> ClusterState {
        ClusterState(counts: Dictionary(uniqueKeysWithValues: names.map { ($0, ScopeCounts(executing: 0, executedAt: [])) }))
    }
}
