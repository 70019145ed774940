import BallastAPI
import BallastCore
import BallastDecision
import KubeTypes
import Testing
@testable import BallastOperator

@Suite("Remediation: what the covering policies allow")
struct PolicyActionsTests {
    static func policy(_ name: String, actions: [ActionPolicy]?, selector: LabelSelector? = nil) -> EffectivePolicy {
        EffectivePolicy(SafetyPolicy(metadata: ObjectMeta(name: name), spec: SafetyPolicySpec(namespaceSelector: selector, actions: actions)))
    }

    @Test("an action is allowed only when every covering policy lists it; read-only actions always are")
    func intersection() {
        let a = Self.policy("a", actions: [ActionPolicy(name: .scaleDeployment), ActionPolicy(name: .restartDeployment)])
        let b = Self.policy("b", actions: [ActionPolicy(name: .scaleDeployment)])
        let names = PolicyActions.allowed(by: [a, b], requested: nil).map(\.name)
        #expect(names.contains(ActionName.scaleDeployment.rawValue))
        #expect(!names.contains(ActionName.restartDeployment.rawValue))
        for readOnly in [ActionName.collectDiagnostics, .notifyOnly, .escalate] {
            #expect(names.contains(readOnly.rawValue))
        }
    }

    @Test("spec.allowedActions narrows the policies' set but never removes read-only actions")
    func requestNarrows() {
        let a = Self.policy("a", actions: [ActionPolicy(name: .scaleDeployment), ActionPolicy(name: .restartDeployment)])
        let names = Set(PolicyActions.allowed(by: [a], requested: [.restartDeployment]).map(\.name))
        #expect(names == Set([ActionName.restartDeployment, .collectDiagnostics, .notifyOnly, .escalate].map(\.rawValue)))
    }

    @Test("without an allow-list the built-in safe set applies")
    func builtInSet() {
        let names = Set(PolicyActions.allowed(by: [Self.policy("open", actions: nil)], requested: nil).map(\.name))
        #expect(names == Set(ActionName.allCases.filter { ActionCatalog.defaultAllowed.contains($0) || !ActionCatalog.mutating.contains($0) }.map(\.rawValue)))
    }

    @Test("limits merge to the strictest: smallest maximum and step, largest minimum, quantities by value")
    func strictestLimits() {
        let a = Self.policy("a", actions: [
            ActionPolicy(name: .scaleDeployment, limits: ["maxReplicas": 10, "minReplicas": 1, "maxStep": 3]),
            ActionPolicy(name: .increaseResources, limits: ["maxMemory": "4Gi", "maxFactor": 2]),
        ])
        let b = Self.policy("b", actions: [
            ActionPolicy(name: .scaleDeployment, limits: ["maxReplicas": 6, "minReplicas": 2]),
            ActionPolicy(name: .increaseResources, limits: ["maxMemory": "1500Mi", "maxFactor": 3]),
        ])
        #expect(PolicyActions.limits(for: .scaleDeployment, policies: [a, b]) == ["maxReplicas": 6, "minReplicas": 2, "maxStep": 3])
        #expect(PolicyActions.limits(for: .increaseResources, policies: [a, b]) == ["maxMemory": "1500Mi", "maxFactor": 2])
        #expect(PolicyActions.limits(for: .increaseResources, policies: [b, a]) == ["maxMemory": "1500Mi", "maxFactor": 2])
        #expect(PolicyActions.limits(for: .restartDeployment, policies: [a, b]).isEmpty)
    }

    @Test("with no covering policy the built-in defaults apply")
    func defaults() {
        let selective = SafetyPolicy(
            metadata: ObjectMeta(name: "team"), spec: SafetyPolicySpec(namespaceSelector: LabelSelector(matchLabels: ["team": "a"])))
        #expect(PolicyActions.covering([selective], namespaceLabels: ["team": "b"]).map(\.name) == [PolicyDefaults.name])
        #expect(PolicyActions.covering([selective], namespaceLabels: ["team": "a"]).map(\.name) == ["team"])
    }
}
