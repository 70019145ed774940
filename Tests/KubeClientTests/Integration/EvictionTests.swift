import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

@Suite("Pod eviction")
struct EvictionTests {
    static func pod(_ name: String, namespace: String) -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: namespace, labels: ["app": "evict"]),
            spec: PodSpec(containers: [Container(name: "c", image: "registry.invalid/c:1")]))
    }

    @Test func evictionDeletesThePod() async throws {
        try await withTestClient { client, _, namespace in
            try await client.create(Self.pod("victim", namespace: namespace), .pods)
            try await client.evict(podName: "victim", namespace: namespace, dryRun: true)
            let stillThere = try await client.get(Pod.self, .pods, name: "victim", namespace: namespace)
            #expect(stillThere.metadata.deletionTimestamp == nil)

            try await client.evict(podName: "victim", namespace: namespace, deleteOptions: DeleteOptions(gracePeriodSeconds: 0))
            try await eventually("victim deleted") {
                await errorCode { _ = try await client.get(Pod.self, .pods, name: "victim", namespace: namespace) } == .notFound
            }
            let missing = await errorCode { try await client.evict(podName: "victim", namespace: namespace) }
            #expect(missing == .notFound)
        }
    }

    @Test func disruptionBudgetBlocksEvictionWithTooManyRequests() async throws {
        try await withTestClient { client, _, namespace in
            // Pending pods may always be evicted; report the pod Running and Ready, as a kubelet would.
            try await client.create(Self.pod("guarded", namespace: namespace), .pods)
            try await client.patchStatus(Pod.self, .pods, name: "guarded", namespace: namespace, .strategicMerge(["status": [
                "phase": "Running",
                "conditions": [["type": "Ready", "status": "True"]],
            ]]))
            try await client.create(PodDisruptionBudget(
                metadata: ObjectMeta(name: "pdb", namespace: namespace),
                spec: .init(minAvailable: .int(1), selector: LabelSelector(matchLabels: ["app": "evict"]))), .podDisruptionBudgets)
            try await eventually("the disruption controller observed the budget") {
                let pdb = try await client.get(PodDisruptionBudget.self, .podDisruptionBudgets, name: "pdb", namespace: namespace)
                return pdb.status?.observedGeneration == pdb.metadata.generation && pdb.status?.currentHealthy == 1
                    && pdb.status?.disruptionsAllowed == 0
            }
            do throws(KubeError) {
                try await client.evict(podName: "guarded", namespace: namespace)
                Issue.record("eviction ignored the PodDisruptionBudget")
            } catch {
                #expect(error.code == .tooManyRequests)
                #expect(error.httpStatus == 429)
            }
            let pod = try await client.get(Pod.self, .pods, name: "guarded", namespace: namespace)
            #expect(pod.metadata.deletionTimestamp == nil)
        }
    }
}
