import BallastAPI
import Foundation
import KubeTypes
import Testing
@testable import BallastCore

@Suite struct RulesEngineTests {
    @Test func builtInRulesLoadAndCoverTheCommonAlerts() throws {
        let engine = try RulesEngine.load(yaml: DefaultRules.yaml)
        #expect(engine.rules.count == 12)
        #expect(engine == RulesEngine.builtIn)
        let covered = Set(engine.rules.flatMap { $0.match.alertNames ?? [] })
        for alert in ["KubePodCrashLooping", "KubePodNotReady", "KubeDeploymentReplicasMismatch", "KubeDeploymentRolloutStuck",
                      "KubeStatefulSetReplicasMismatch", "KubeHpaMaxedOut", "KubeContainerWaiting", "KubePodOOMKilled",
                      "KubeNodeNotReady", "KubePersistentVolumeFillingUp", "CPUThrottlingHigh"] {
            #expect(covered.contains(alert), "\(alert)")
        }
    }

    @Test(arguments: [
        ("KubePodOOMKilled", "Deployment", ["container": "app"], ActionName.increaseResources, 0.85),
        ("KubeDeploymentRolloutStuck", "Deployment", [:], .rollbackDeployment, 0.75),
        ("KubePodCrashLooping", "Deployment", [:], .rollbackDeployment, 0.5),
        ("KubePodCrashLooping", "Pod", [:], .deletePod, 0.4),
        ("KubePodCrashLooping", "StatefulSet", [:], .collectDiagnostics, 0.7),
        ("KubeHpaMaxedOut", "HorizontalPodAutoscaler", [:], .escalate, 0.7),
        ("KubePersistentVolumeFillingUp", "PersistentVolumeClaim", [:], .expandPVC, 0.7),
        ("KubeNodeNotReady", "Node", [:], .escalate, 0.7),
        ("CPUThrottlingHigh", "Deployment", ["container": "app"], .increaseResources, 0.6),
        ("SomethingNobodyKnows", "Deployment", [:], .collectDiagnostics, 0.5),
        ("KubePodOOMKilled", "Deployment", [:], .collectDiagnostics, 0.5),   // no container label: no guess
    ] as [(String, String, [String: String], ActionName, Double)])
    func decisions(alert: String, kind: String, labels: [String: String], action: ActionName, confidence: Double) {
        let decision = RulesEngine.builtIn.decide(AlertSituation(alertName: alert, labels: labels, targetKind: kind))
        #expect(decision.action == action)
        #expect(decision.confidence == confidence)
        let target = TargetReference(apiVersion: "v1", kind: kind, name: "x")
        let valid = ActionCatalog.validate(actionNamed: decision.action.rawValue, targetKind: target.kind, parameters: decision.parameters)
        #expect((try? valid.get()) == action, "rule output must pass catalog validation")
    }

    @Test func templatesAreFilledFromAlertLabels() {
        let decision = RulesEngine.builtIn.decide(
            AlertSituation(alertName: "KubePodOOMKilled", labels: ["container": "app"], targetKind: "Deployment"))
        #expect(decision.parameters == ["container": "app", "resource": "memory", "factor": 1.5])
        #expect(decision.rule == "oom-killed-raise-memory")
    }

    @Test func unknownAlertsGetDiagnosticsAndEscalationNeverAGuess() {
        let decision = RulesEngine.builtIn.decide(AlertSituation(alertName: "Mystery", targetKind: "Deployment"))
        #expect(decision.rule == RulesEngine.fallbackRuleName)
        #expect(decision.alternatives == [AlternativeAction(action: .escalate, confidence: 0.5)])
        #expect(!ActionCatalog.spec(for: decision.action).mutating)
    }

    @Test func moreSpecificRulesWinAndOthersBecomeAlternatives() throws {
        let engine = try RulesEngine.load(yaml: """
            rules:
            - {name: generic, match: {alertNames: [X]}, action: collect_diagnostics, confidence: 0.6, reasoning: r}
            - {name: team, match: {alertNames: [X], labels: {team: shop}}, action: restart_deployment, confidence: 0.7, reasoning: r}
            - {name: any, match: {}, action: notify_only, confidence: 0.2, reasoning: r}
            """)
        let decision = engine.decide(AlertSituation(alertName: "X", labels: ["team": "shop"], targetKind: "Deployment"))
        #expect(decision.rule == "team")
        #expect(decision.alternatives.map(\.action) == [.collectDiagnostics, .notifyOnly])
        #expect(engine.decide(AlertSituation(alertName: "X", targetKind: "Deployment")).rule == "generic")
        #expect(engine.decide(AlertSituation(alertName: "X", labels: ["team": "shop"], targetKind: "Node")).rule == "generic")
    }

    static let base = "  match: {}\n  action: restart_deployment\n  confidence: 0.5\n  reasoning: r\n"

    @Test(arguments: [
        ("rules: [", "<document>: not valid YAML"),
        ("other: 1", "rules: the document must be a mapping with a `rules` list"),
        ("rules:\n- name: x\n  confidense: 0.5\n" + base, "rules[0] (x).confidense: unknown key"),
        ("rules:\n- name: x\n  match: {alertname: A}\n  action: escalate\n  confidence: 0.5\n  reasoning: r\n", "rules[0] (x).match.alertname: unknown key"),
        ("rules:\n- name: x\n  match: {}\n  action: reboot\n  confidence: 0.5\n  reasoning: r\n", "rules[0].action: rules[0].action: unknown value \"reboot\""),
        ("rules:\n- name: x\n  match: {severities: [urgent]}\n  action: escalate\n  confidence: 0.5\n  reasoning: r\n", "rules[0].match.severities[0]: "),
        ("rules:\n- name: x\n  match: {}\n  action: escalate\n  confidence: 0.5\n", "rules[0].reasoning: is required"),
        ("rules:\n- name: x\n  match: {}\n  action: escalate\n  confidence: 1.5\n  reasoning: r\n", "rules[0] (x).confidence: 1.5 is outside 0...1"),
        ("rules:\n- name: x\n  match: {targetKinds: [Node]}\n  action: restart_deployment\n  confidence: 0.5\n  reasoning: r\n", "rules[0] (x).match.targetKinds: restart_deployment cannot act on a Node"),
        ("rules:\n- name: x\n  match: {}\n  action: scale_deployment\n  parameters: {replicas: 5000}\n  confidence: 0.5\n  reasoning: r\n", "rules[0] (x).parameters: scale_deployment: parameter \"replicas\" is 5000"),
        ("rules:\n- name: x\n  match: {}\n  action: increase_resources\n  parameters: {container: a, memoryLimit: \"{{labels.m}}\"}\n  confidence: 0.5\n  reasoning: r\n", "rules[0] (x).parameters: increase_resources: parameter \"memoryLimit\""),
        ("rules:\n- name: x\n" + base + "- name: x\n" + base, "rules[1] (x).name: duplicates an earlier rule's name"),
    ])
    func loadErrorsNameTheRuleAndField(yaml: String, expected: String) {
        do {
            _ = try RulesEngine.load(yaml: yaml)
            Issue.record("loaded invalid rules")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }
}
