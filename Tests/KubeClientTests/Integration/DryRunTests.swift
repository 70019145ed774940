import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

@Suite("Server-side dry run")
struct DryRunTests {
    @Test func dryRunWritesNothing() async throws {
        try await withTestClient { client, cluster, namespace in
            let preview = try await client.create(
                ConfigMap(metadata: ObjectMeta(name: "dry", namespace: namespace), data: ["a": "1"]), .configMaps, dryRun: true)
            #expect(preview.data == ["a": "1"])
            let afterCreate = await errorCode { _ = try await client.get(ConfigMap.self, .configMaps, name: "dry", namespace: namespace) }
            #expect(afterCreate == .notFound)

            let real = try await client.create(ConfigMap(metadata: ObjectMeta(name: "real", namespace: namespace), data: ["a": "1"]), .configMaps)
            let patched = try await client.patch(ConfigMap.self, .configMaps, name: "real", namespace: namespace, .merge(["data": ["a": "2"]]), dryRun: true)
            #expect(patched.data == ["a": "2"])
            var changed = real
            changed.data = ["a": "3"]
            let updated = try await client.update(changed, .configMaps, dryRun: true)
            #expect(updated.data == ["a": "3"])
            try await client.delete(.configMaps, name: "real", namespace: namespace, options: DeleteOptions(dryRun: true))

            let stored = try await client.get(ConfigMap.self, .configMaps, name: "real", namespace: namespace)
            #expect(stored.data == ["a": "1"])
            #expect(stored.metadata.resourceVersion == real.metadata.resourceVersion)
            #expect(try await cluster.kubectlChecked(["get", "configmap", "real", "-n", namespace, "-o", "jsonpath={.data.a}"]) == "1")
        }
    }

    @Test func dryRunStatusWriteLeavesStatusUnchanged() async throws {
        try await withTestClient { client, _, namespace in
            try await Widget.install(with: client)
            let created = try await client.create(Widget(metadata: ObjectMeta(name: "d", namespace: namespace), spec: .init(size: 1)), Widget.resource)
            var withStatus = created
            withStatus.status = .init(phase: "Preview")
            let preview = try await client.updateStatus(withStatus, Widget.resource, dryRun: true)
            #expect(preview.status?.phase == "Preview")
            try await client.patchStatus(Widget.self, Widget.resource, name: "d", namespace: namespace, .merge(["status": ["phase": "Patched"]]), dryRun: true)
            let stored = try await client.get(Widget.self, Widget.resource, name: "d", namespace: namespace)
            #expect(stored.status == nil)
        }
    }
}
