import Foundation
import KubeTypes
import Testing
@testable import BallastAPI

@Suite struct ModelDecodingTests {
    static let request = #"""
    {"apiVersion":"ballast.dev/v1alpha1","kind":"RemediationRequest",
     "metadata":{"name":"web-oom-7f3a","namespace":"shop"},
     "spec":{"alert":{"name":"KubePodOOMKilled","severity":"warning","fingerprint":"7f3a9c",
       "source":"alertmanager","startsAt":"2026-11-20T10:00:00Z",
       "labels":{"namespace":"shop","deployment":"web"}},
       "target":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},
       "mode":"Auto","action":{"name":"rollback_deployment","parameters":{}},
       "approval":{"decision":"Approved","by":"alice@example.com"}},
     "status":{"phase":"Completed","observedGeneration":1,
       "decision":{"action":"increase_resources","parameters":{"container":"app","memoryLimit":"768Mi"},
         "confidence":0.86,"source":"LLM","tokens":{"prompt":1520,"completion":96},
         "alternatives":[{"action":"restart_deployment","confidence":0.3}]},
       "policy":{"verdict":"Allowed","policies":["default"],"reasons":[{"code":"CoolingOff","message":"m"}]},
       "execution":{"actionId":"3b1f","dryRun":false,"result":"Succeeded",
         "changes":[{"path":"spec.replicas","from":3,"to":4}]},
       "verification":{"alertResolved":true,"effectiveness":0.9},
       "deduplication":{"count":4},"historyRef":"deployment-web",
       "conditions":[{"type":"Decided","status":"True","lastTransitionTime":"2026-11-20T10:01:00Z",
         "reason":"Rules","message":""}]}}
    """#

    static let policy = #"""
    {"apiVersion":"ballast.dev/v1alpha1","kind":"SafetyPolicy","metadata":{"name":"default"},
     "spec":{"emergencyStop":{"enabled":false,"reason":"","by":""},"mode":"Enforce",
       "namespaceSelector":{},"excludedNamespaces":["kube-system"],"targetSelector":{},
       "minConfidence":0.8,"maxConcurrent":5,"rateLimit":{"maxActions":20,"per":"1h"},
       "coolingOff":{"sameAction":"10m","anyAction":"2m"},
       "oscillation":{"window":"2h","onDetect":"Block","coolOff":"30m"},
       "circuitBreaker":{"consecutiveFailures":3,"openFor":"30m"},
       "actions":[{"name":"scale_deployment","requireApproval":false,"limits":{"maxReplicas":20,"maxStep":3}},
                  {"name":"drain_node","requireApproval":true}]},
     "status":{"emergencyStop":{"active":false},"executing":1,"actionsInWindow":4,
       "circuitBreakers":[{"action":"restart_deployment","state":"Open","until":"2026-11-20T11:00:00Z"}]}}
    """#

    static let history = #"""
    {"apiVersion":"ballast.dev/v1alpha1","kind":"ActionHistory",
     "metadata":{"name":"deployment-web","namespace":"shop"},
     "spec":{"target":{"apiVersion":"apps/v1","kind":"Deployment","namespace":"shop","name":"web"},
       "retention":{"maxEntries":100,"maxAge":"720h"},"analysis":{"window":"2h"}},
     "status":{"entries":[{"actionId":"3b1f","request":{"name":"web-oom-7f3a"},"alert":"KubePodOOMKilled",
       "action":"increase_resources","parameters":{"container":"app"},"source":"LLM","confidence":0.86,
       "state":"Succeeded","startedAt":"2026-11-20T10:01:00Z","before":{"memoryLimit":"512Mi"},
       "after":{"memoryLimit":"768Mi"},"effectiveness":0.9}],
       "patterns":[{"type":"ScaleOscillation","severity":"High","occurrences":3,"window":"2h",
         "firstSeen":"2026-11-20T10:00:00Z","lastSeen":"2026-11-20T11:00:00Z","prevention":"CoolOff",
         "blockedUntil":"2026-11-20T11:30:00Z","message":"replicas 3->6->3->6"}],
       "summary":{"totalActions":12,"effectiveness":{"overall":0.71,"byAction":{"scale_deployment":0.3}}}}}
    """#

    @Test func decodesTheApiMdRequestExample() throws {
        let rr = try JSONDecoder.kubernetes().decode(RemediationRequest.self, from: Data(Self.request.utf8))
        #expect(rr.spec.alert?.severity == .warning)
        #expect(rr.spec.action?.name == .rollbackDeployment)
        #expect(rr.spec.approval?.decision == .approved)
        #expect(rr.status?.phase == .completed)
        #expect(rr.status?.decision?.source == .llm)
        #expect(rr.status?.decision?.parameters?["memoryLimit"] == "768Mi")
        #expect(rr.status?.policy?.reasons.first?.code == .coolingOff)
        #expect(rr.status?.execution?.changes?.first?.to == 4)
        #expect(rr.status?.conditions?.first?.status == .true)
    }

    @Test func decodesTheApiMdPolicyAndHistoryExamples() throws {
        let sp = try JSONDecoder.kubernetes().decode(SafetyPolicy.self, from: Data(Self.policy.utf8))
        #expect(sp.spec.rateLimit == RateLimit(maxActions: 20, per: .hours(1)))
        #expect(sp.spec.coolingOff?.sameAction == .minutes(10))
        #expect(sp.spec.actions?.last?.requireApproval == true)
        #expect(sp.status?.circuitBreakers?.first?.state == .open)
        let ah = try JSONDecoder.kubernetes().decode(ActionHistory.self, from: Data(Self.history.utf8))
        #expect(ah.spec.retention?.maxAge == .hours(720))
        #expect(ah.status?.entries?.first?.state == .succeeded)
        #expect(ah.status?.patterns?.first?.prevention == .coolOff)
    }

    @Test func roundTripsThroughJSON() throws {
        let decoder = JSONDecoder.kubernetes()
        let rr = try decoder.decode(RemediationRequest.self, from: Data(Self.request.utf8))
        let again = try decoder.decode(RemediationRequest.self, from: JSONEncoder.kubernetes().encode(rr))
        #expect(again == rr)
        let ah = try decoder.decode(ActionHistory.self, from: Data(Self.history.utf8))
        #expect(try decoder.decode(ActionHistory.self, from: JSONEncoder.kubernetes().encode(ah)) == ah)
    }

    @Test func toleratesAbsentOptionalFields() throws {
        let json = #"{"apiVersion":"ballast.dev/v1alpha1","kind":"SafetyPolicy","metadata":{"name":"p"},"spec":{}}"#
        let sp = try JSONDecoder.kubernetes().decode(SafetyPolicy.self, from: Data(json.utf8))
        #expect(sp.spec == SafetyPolicySpec())
        #expect(sp.status == nil)
    }

    @Test(arguments: [
        (#""mode":"Sometimes""#, "spec.mode: unknown value \"Sometimes\"; expected one of Auto, DryRun, RequireApproval"),
        (#""action":{"name":"reboot_cluster"}"#, "spec.action.name: unknown value \"reboot_cluster\""),
        (#""allowedActions":["scale_deployment","nuke"]"#, "spec.allowedActions[1]: unknown value \"nuke\""),
    ])
    func unknownEnumValuesFailNamingTheField(fragment: String, expected: String) throws {
        let json = #"{"apiVersion":"ballast.dev/v1alpha1","kind":"RemediationRequest","metadata":{},"spec":{"#
            + fragment + "}}"
        do {
            _ = try JSONDecoder.kubernetes().decode(RemediationRequest.self, from: Data(json.utf8))
            Issue.record("decoding should have failed")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription.hasPrefix(expected))
        }
    }

    @Test func manualRequestsNeedActionAndTarget() {
        #expect(RemediationRequestSpec().validationErrors().first?.hasPrefix("spec.alert:") == true)
        let manual = RemediationRequestSpec(
            target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", name: "web"),
            action: RequestedAction(name: .restartDeployment))
        #expect(manual.validationErrors().isEmpty)
    }

    @Test func resourceDescriptorsAddressTheThreeCRDs() {
        #expect(ResourceDescriptor.remediationRequests.objectPath(namespace: "shop", name: "r")
            == "/apis/ballast.dev/v1alpha1/namespaces/shop/remediationrequests/r")
        #expect(ResourceDescriptor.actionHistories.plural == "actionhistories")
        #expect(ResourceDescriptor.safetyPolicies.collectionPath(namespace: "x")
            == "/apis/ballast.dev/v1alpha1/safetypolicies")
        #expect(ActionName.allCases.count == 16)
    }
}
