import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

/// `pods/<name>/log` against the local control plane. There is no kubelet, so no container ever
/// logs: the server answers 204 for a pod that is not on a node, and errors for the rest.
@Suite("Pod logs")
struct PodLogTests {
    @Test func aPodNotOnANodeHasAnEmptyLog() async throws {
        try await withTestClient { client, _, namespace in
            try await client.create(EvictionTests.pod("quiet", namespace: namespace), .pods)
            let log = try await client.podLog("quiet", namespace: namespace, options: PodLogOptions(container: "c", tailLines: 5))
            #expect(log.isEmpty)
        }
    }

    @Test func aMissingPodIsNotFound() async throws {
        try await withTestClient { client, _, namespace in
            let code = await errorCode { _ = try await client.podLog("absent", namespace: namespace) }
            #expect(code == .notFound)
        }
    }

    @Test func theLowPrivilegeUserIsForbidden() async throws {
        try await withTestClient(kubeconfig: { $0.lowPrivilegeKubeconfig }) { lowPrivilege, cluster, namespace in
            try await cluster.kubectlChecked(["run", "private", "--image=registry.invalid/c:1", "-n", namespace])
            let code = await errorCode { _ = try await lowPrivilege.podLog("private", namespace: namespace) }
            #expect(code == .forbidden)
        }
    }
}
