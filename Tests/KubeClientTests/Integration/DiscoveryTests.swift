import ClusterTestSupport
import KubeClient
import KubeTypes
import Testing

@Suite("Discovery")
struct DiscoveryTests {
    @Test func discoveryReportsWhatThisServerServes() async throws {
        try await withTestClient { client, _, _ in
            let version = try await client.serverVersion()
            #expect(version.major == "1")
            #expect(version.minorNumber == 20)
            #expect(try await client.preferredVersion(group: "") == "v1")
            #expect(try await client.preferredVersion(group: "apps") == "v1")
            #expect(try await client.preferredVersion(group: "policy") == "v1beta1")
            #expect(try await client.preferredVersion(group: "no.such.group") == nil)
            #expect(try await client.resourceExists(group: "autoscaling", version: "v2beta2", plural: "horizontalpodautoscalers"))
            #expect(try await client.resourceExists(group: "autoscaling", version: "v2", plural: "horizontalpodautoscalers") == false)
            let pods = try await client.discoverResource(group: "", version: "v1", plural: "pods")
            #expect(pods == .pods)
            let leases = try await client.discoverResource(group: "coordination.k8s.io", version: "v1", plural: "leases")
            #expect(leases == .leases)
        }
    }
}
