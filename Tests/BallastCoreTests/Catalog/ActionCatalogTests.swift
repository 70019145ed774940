import BallastAPI
import KubeTypes
import Testing
@testable import BallastCore

@Suite struct ActionCatalogTests {
    @Test func everyActionHasASpecAndMutatingIsExplicit() {
        #expect(ActionCatalog.all.map(\.name) == ActionName.allCases)
        let readOnly = ActionCatalog.all.filter { !$0.mutating }.map(\.name)
        #expect(Set(readOnly) == [.collectDiagnostics, .notifyOnly, .escalate])
        for spec in ActionCatalog.all {
            #expect(!spec.rbac.isEmpty, "\(spec.name) needs RBAC rules")
            #expect(spec.mutating == (spec.risk != .none))
        }
    }

    @Test func highRiskActionsAreOutsideTheDefaultSafeSet() {
        #expect(!ActionCatalog.defaultAllowed.contains(.drainNode))
        #expect(!ActionCatalog.defaultAllowed.contains(.rollbackDeployment))
        #expect(!ActionCatalog.defaultAllowed.contains(.expandPVC))
        #expect(ActionCatalog.defaultAllowed.contains(.restartDeployment))
        #expect(ActionCatalog.defaultAllowed.count == 13)
    }

    @Test func rbacUnionCoversEvictionAndIsDeduplicated() {
        let rules = ActionCatalog.rbacRules
        #expect(rules.contains(RBACRule(apiGroups: [""], resources: ["pods/eviction"], verbs: ["create"])))
        #expect(Set(rules).count == rules.count)
        #expect(rules == rules.sorted())
        #expect(!rules.contains { $0.verbs.contains("*") || $0.resources.contains("*") })
    }

    @Test func unknownActionsAreRejectedNotMapped() throws {
        let result = ActionCatalog.validate(actionNamed: "scale", targetKind: "Deployment", parameters: [:])
        guard case .failure(let failure) = result else { Issue.record("accepted an unknown action"); return }
        #expect(failure.errors == [.unknownAction("scale")])
        #expect(failure.description.contains("scale_deployment"))
    }

    @Test func wrongTargetKindIsRejected() {
        let result = ActionCatalog.validate(actionNamed: "cordon_node", targetKind: "Deployment", parameters: [:])
        guard case .failure(let failure) = result else { Issue.record("accepted"); return }
        #expect(failure.errors == [.wrongTargetKind(action: .cordonNode, kind: "Deployment", accepted: ["Node"])])
    }

    @Test(arguments: [
        (ActionName.scaleDeployment, ["replicas": JSONValue.int(1001)], "parameter \"replicas\" is 1001; expected integer 0...1000"),
        (.scaleDeployment, ["replicas": -1], "parameter \"replicas\" is -1; expected integer 0...1000"),
        (.scaleDeployment, ["replicas": 2.5], "parameter \"replicas\" is 2.5; expected integer 0...1000"),
        (.scaleDeployment, ["replicas": "3"], "parameter \"replicas\" is \"3\"; expected integer 0...1000"),
        (.scaleDeployment, [:], "parameter \"replicas\" is required"),
        (.scaleDeployment, ["replicas": 3, "force": true], "unknown parameter \"force\""),
        (.increaseResources, ["container": "app", "resource": "memory", "factor": 5.0], "parameter \"factor\" is 5; expected number 1.0...4.0"),
        (.increaseResources, ["container": "app", "resource": "memory", "factor": 1.0], "parameter \"factor\" is 1.0; expected a number above 1.0"),
        (.increaseResources, ["container": "app", "memoryLimit": "lots"], "parameter \"memoryLimit\" is \"lots\"; expected quantity such as 512Mi or 250m"),
        (.increaseResources, ["container": "app"], "give factor and resource, or at least one of"),
        (.increaseResources, ["container": "app", "factor": 1.5, "memoryLimit": "1Gi", "resource": "memory"], "give either factor (with resource) or memoryLimit, not both"),
        (.increaseResources, ["container": "app", "factor": 1.5], "parameter \"resource\" is required"),
        (.updateHPA, ["minReplicas": 5, "maxReplicas": 3], "minReplicas 5 is above maxReplicas 3"),
        (.updateHPA, [:], "give minReplicas, maxReplicas or both"),
        (.expandPVC, ["size": "10Gi", "factor": 2.0], "give either size or factor, not both"),
        (.deletePod, ["gracePeriodSeconds": 3601], "parameter \"gracePeriodSeconds\" is 3601; expected integer 0...3600"),
        (.notifyOnly, ["message": ""], "parameter \"message\" is \"\"; expected string of at most 1024 characters"),
        (.drainNode, ["force": "true"], "parameter \"force\" is \"true\"; expected boolean (true or false)"),
        (.drainNode, ["deleteEmptyDirData": 1], "parameter \"deleteEmptyDirData\" is 1; expected boolean (true or false)"),
    ] as [(ActionName, [String: JSONValue], String)])
    func outOfRangeParametersAreRejectedWithPreciseErrors(action: ActionName, parameters: [String: JSONValue], expected: String) {
        let errors = ActionCatalog.spec(for: action).validate(parameters: parameters)
        #expect(errors.contains { $0.description.contains(expected) }, "\(errors)")
    }

    @Test(arguments: [
        (ActionName.scaleDeployment, ["replicas": JSONValue.int(3)]),
        (.increaseResources, ["container": "app", "memoryLimit": "768Mi"]),
        (.increaseResources, ["container": "app", "resource": "cpu", "factor": 1.5]),
        (.updateHPA, ["maxReplicas": 10]),
        (.expandPVC, ["factor": 1.5]),
        (.rollbackDeployment, [:]),
        (.collectDiagnostics, ["logLines": 200]),
        (.drainNode, ["force": true, "deleteEmptyDirData": false, "timeoutSeconds": 60]),
    ] as [(ActionName, [String: JSONValue])])
    func validParametersPass(action: ActionName, parameters: [String: JSONValue]) {
        #expect(ActionCatalog.spec(for: action).validate(parameters: parameters).isEmpty)
    }

    @Test func limitsBoundParametersWithTheNumbers() {
        let scale = ActionCatalog.spec(for: .scaleDeployment)
        let limits: [String: JSONValue] = ["maxReplicas": 20, "minReplicas": 2, "maxStep": 3]
        #expect(scale.validate(parameters: ["replicas": 21], limits: limits, observed: ["replicas": 19]).map(\.description)
            == ["scale_deployment: parameter \"replicas\" is 21, beyond the policy limit maxReplicas=20"])
        #expect(scale.validate(parameters: ["replicas": 1], limits: limits, observed: ["replicas": 2]).map(\.description)
            == ["scale_deployment: parameter \"replicas\" is 1, beyond the policy limit minReplicas=2"])
        #expect(scale.validate(parameters: ["replicas": 9], limits: limits, observed: ["replicas": 5]).map(\.description)
            == ["scale_deployment: parameter \"replicas\" is 9 (from 5), beyond the policy limit maxStep=3"])
        #expect(scale.validate(parameters: ["replicas": 8], limits: limits, observed: ["replicas": 5]).isEmpty)
        #expect(scale.validate(parameters: ["replicas": 8], limits: limits)
            == [.missingObservation(action: .scaleDeployment, limit: "maxStep", key: "replicas")])
        let resources = ActionCatalog.spec(for: .increaseResources)
        #expect(resources.validate(parameters: ["container": "a", "memoryLimit": "2Gi"], limits: ["maxMemory": "1Gi"])
            == [.exceedsLimit(action: .increaseResources, parameter: "memoryLimit", value: "2Gi", limit: "maxMemory", limitValue: "\"1Gi\"")])
        #expect(resources.validate(parameters: ["container": "a", "memoryLimit": "1Gi"], limits: ["maxMemory": "1024Mi"]).isEmpty)
    }

    @Test func policyLimitsAreValidatedByName() {
        let scale = ActionCatalog.spec(for: .scaleDeployment)
        #expect(scale.validateLimits(["maxReplica": 3]).map(\.description)
            == ["scale_deployment: policy limit \"maxReplica\" is not defined; use one of maxReplicas, minReplicas, maxStep"])
        #expect(scale.validateLimits(["maxReplicas": "many"]).count == 1)
        #expect(ActionCatalog.spec(for: .cordonNode).validateLimits(["maxPods": 1]).first?.description
            == "cordon_node: policy limit \"maxPods\" is not defined (this action has no limits)")
    }
}
