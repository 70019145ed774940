import KubeTypes
import Testing

/// Empty strings are valid values of string fields (a condition's `message` is often empty).
///
/// The local kube-apiserver is built with Go >= 1.16, where the vendored OpenAPI type validator
/// mistook "" for null and answered 422 "must be of type string: \"null\""
/// (kubernetes/kubernetes#99804). hack/install-control-plane.sh applies the upstream fix
/// (kubernetes/kube-openapi#230); this test proves it is in place.
@Suite struct EmptyStringTests {
    @Test func emptyStringsPassSpecValidation() async throws {
        let contract = try await ContractCluster.prepared()
        let namespace = try await contract.cluster.makeNamespace("empty-string")
        defer { contract.cluster.deleteNamespace(namespace) }
        let request: JSONValue = [
            "apiVersion": "ballast.dev/v1alpha1", "kind": "RemediationRequest",
            "metadata": ["name": "empty-fingerprint", "namespace": .string(namespace)],
            "spec": ["alert": ["name": "KubePodCrashLooping", "fingerprint": ""]],
        ]
        let object = try #require(try ContractObject.parse(request.canonicalString(), origin: "inline").first)
        let (_, stored) = try await contract.store(object, namespace: namespace)
        #expect(stored.value(at: ["spec", "alert", "fingerprint"]) == "")
    }
}
