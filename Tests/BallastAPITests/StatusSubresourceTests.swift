import KubeTypes
import Testing

/// The `/status` subresource gives the conventions of api.md: status is written only through it,
/// status writes do not bump `metadata.generation`, and a spec change (an approval) does.
@Suite struct StatusSubresourceTests {
    @Test func statusAndSpecAreWrittenSeparately() async throws {
        let contract = try await ContractCluster.prepared()
        let namespace = try await contract.cluster.makeNamespace("subresource")
        defer { contract.cluster.deleteNamespace(namespace) }
        let path = "config/samples/remediationrequest-node-notready.yaml"
        let sample = try #require(try ContractObject.parse(Repository.text(path), origin: path).first)
        let (_, created) = try await contract.store(sample, namespace: namespace)
        #expect(created.value(at: ["metadata", "generation"]) == 1)

        let awaiting: JSONValue = ["phase": "AwaitingApproval", "observedGeneration": 1]
        let status = try await contract.patchStatus(awaiting, kind: .remediationRequest, name: sample.name, namespace: namespace)
        #expect(status.status == 0, "\(status.stderr.suffix(400))")
        var stored = try await contract.get(.remediationRequest, name: sample.name, namespace: namespace)
        #expect(stored.value(at: ["status", "phase"]) == "AwaitingApproval")
        #expect(stored.value(at: ["metadata", "generation"]) == 1)

        // Through the main resource, status is ignored and spec changes bump the generation.
        let patch: JSONValue = [
            "spec": ["approval": ["decision": "Rejected", "by": "bob@example.com"]],
            "status": ["phase": "Completed"],
        ]
        try await contract.cluster.kubectlChecked([
            "patch", BallastKind.remediationRequest.qualifiedResource, sample.name, "-n", namespace,
            "--type=merge", "-p", patch.canonicalString(),
        ])
        stored = try await contract.get(.remediationRequest, name: sample.name, namespace: namespace)
        #expect(stored.value(at: ["spec", "approval", "decision"]) == "Rejected")
        #expect(stored.value(at: ["status", "phase"]) == "AwaitingApproval")
        #expect(stored.value(at: ["metadata", "generation"]) == 2)
    }
}
