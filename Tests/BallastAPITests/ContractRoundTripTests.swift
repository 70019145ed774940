import BallastAPI
import Foundation
import KubeTypes
import Testing

/// Every sample and every api.md object through the real API server: created (status through
/// the /status subresource), read back unchanged (nothing pruned or rejected by the CRD), and
/// decoded by the Swift models without losing a field.
@Suite struct ContractRoundTripTests {
    @Test(arguments: try ContractObject.all())
    func passesTheCRDAndSurvivesTheModel(object: ContractObject) async throws {
        let contract = try await ContractCluster.prepared()
        let namespace = try await contract.cluster.makeNamespace("contract")
        defer {
            contract.cluster.deleteNamespace(namespace)
            if !object.kind.resource.namespaced {
                contract.deleteClusterScoped(object.kind, name: "\(object.name)-\(namespace)")
            }
        }
        let (sent, stored) = try await contract.store(object, namespace: namespace)

        for part in ["spec", "status"] {
            let pruned = (stored[part] ?? .null).differences(from: sent[part] ?? .null, path: part)
            #expect(pruned.isEmpty, "\(object.origin): the API server changed \(part): \(pruned)")
            let modelled = try object.kind.roundTripThroughModel(stored)
            let lost = (modelled[part] ?? .null).differences(from: stored[part] ?? .null, path: part)
            #expect(lost.isEmpty, "\(object.origin): the model changed \(part): \(lost)")
        }
        try expectKeyFields(of: stored, equalTo: object)
    }

    /// A few fields read through the typed models, compared with the text of the contract.
    private func expectKeyFields(of stored: JSONValue, equalTo object: ContractObject) throws {
        let written = object.json
        switch object.kind {
        case .remediationRequest:
            let request = try stored.decode(as: RemediationRequest.self)
            #expect(request.spec.alert?.name == written.value(at: ["spec", "alert", "name"])?.stringValue)
            #expect(request.spec.mode?.rawValue == written.value(at: ["spec", "mode"])?.stringValue)
            #expect(request.spec.target?.name == written.value(at: ["spec", "target", "name"])?.stringValue)
            #expect(request.spec.action?.name.rawValue == written.value(at: ["spec", "action", "name"])?.stringValue)
            #expect(request.status?.phase?.rawValue == written.value(at: ["status", "phase"])?.stringValue)
            #expect(request.status?.decision?.confidence == written.value(at: ["status", "decision", "confidence"])?.doubleValue)
        case .actionHistory:
            let history = try stored.decode(as: ActionHistory.self)
            #expect(history.spec.target.name == written.value(at: ["spec", "target", "name"])?.stringValue)
            #expect(history.status?.entries?.count == written.value(at: ["status", "entries"])?.arrayValue?.count)
            #expect(history.status?.patterns?.first?.type.rawValue
                == written.value(at: ["status", "patterns"])?.arrayValue?.first?["type"]?.stringValue)
        case .safetyPolicy:
            let policy = try stored.decode(as: SafetyPolicy.self)
            #expect(policy.spec.mode?.rawValue == written.value(at: ["spec", "mode"])?.stringValue)
            #expect(policy.spec.minConfidence == written.value(at: ["spec", "minConfidence"])?.doubleValue)
            #expect(policy.spec.coolingOff?.sameAction?.description
                == written.value(at: ["spec", "coolingOff", "sameAction"])?.stringValue)
            #expect(policy.spec.actions?.count == written.value(at: ["spec", "actions"])?.arrayValue?.count)
        }
    }
}
