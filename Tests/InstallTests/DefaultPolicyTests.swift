import Foundation
import Testing
import Yams

/// The default SafetyPolicy is the same whether installed with kustomize or with the chart.
@Suite struct DefaultPolicyTests {
    @Test func chartAndKustomizeInstallTheSamePolicy() async throws {
        let kustomize = try Manifests(try Checkout.text("config/default/safetypolicy.yaml")).one("SafetyPolicy")
        let chart = try await ChartRenderer.manifests(namespace: "ballast-system").0.one("SafetyPolicy")
        #expect(try canonical(chart["spec"]) == canonical(kustomize["spec"]))
        #expect(chart.at("metadata", "name")?.string == kustomize.at("metadata", "name")?.string)
    }

    @Test func theShippedDefaultRehearsesUntilAnAdminEnforces() throws {
        let policy = try Manifests(try Checkout.text("config/default/safetypolicy.yaml")).one("SafetyPolicy")
        #expect(policy.at("spec", "mode")?.string == "DryRun", "README: the default SafetyPolicy runs in DryRun mode")
    }

    @Test func highRiskActionsNeedApproval() throws {
        let policy = try Manifests(try Checkout.text("config/default/safetypolicy.yaml")).one("SafetyPolicy")
        let actions = policy.at("spec", "actions")?.array() ?? []
        for name in ["rollback_deployment", "drain_node", "expand_pvc", "cordon_node"] {
            let action = try #require(actions.first { $0["name"]?.string == name }, "\(name) missing")
            #expect(action["requireApproval"]?.bool == true, "\(name) runs without approval")
        }
    }

    /// `node` as JSON with sorted keys, so block and flow styles compare equal.
    private func canonical(_ node: Node?) throws -> String {
        let node = try #require(node)
        let value = try #require(try Yams.load(yaml: try Yams.serialize(node: node)))
        return String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }
}
