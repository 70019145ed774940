import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

@Suite("Custom resources against the API server")
struct CustomResourceTests {
    @Test func crudOnACustomResource() async throws {
        try await withTestClient { client, cluster, namespace in
            try await Widget.install(with: client)
            let created = try await client.create(
                Widget(metadata: ObjectMeta(name: "w1", namespace: namespace), spec: .init(size: 2, color: "red")),
                Widget.resource)
            #expect(created.metadata.uid != nil)
            #expect(created.metadata.generation == 1)
            #expect(try await cluster.kubectlChecked(["get", "widgets.test.ballast.dev", "w1", "-n", namespace, "-o", "jsonpath={.spec.size}"]) == "2")

            var fetched = try await client.get(Widget.self, Widget.resource, name: "w1", namespace: namespace)
            #expect(fetched == created)

            fetched.spec.size = 3
            let updated = try await client.update(fetched, Widget.resource)
            #expect(updated.metadata.generation == 2)
            #expect(try await cluster.kubectlChecked(["get", "widgets.test.ballast.dev", "w1", "-n", namespace, "-o", "jsonpath={.spec.size}"]) == "3")

            let merged = try await client.patch(Widget.self, Widget.resource, name: "w1", namespace: namespace, .merge(["spec": ["color": "blue"]]))
            #expect(merged.spec == .init(size: 3, color: "blue"))

            let patched = try await client.patch(Widget.self, Widget.resource, name: "w1", namespace: namespace, .json([
                JSONPatchOperation(op: .test, path: "/spec/size", value: 3),
                JSONPatchOperation(op: .replace, path: "/spec/size", value: 4),
            ]))
            #expect(patched.spec.size == 4)

            let applied = try await client.patch(Widget.self, Widget.resource, name: "w1", namespace: namespace, .apply([
                "apiVersion": "test.ballast.dev/v1", "kind": "Widget",
                "metadata": ["name": "w1", "namespace": .string(namespace)], "spec": ["size": 5],
            ], fieldManager: "ballast-test", force: true))
            #expect(applied.spec.size == 5)
            let managers = try await cluster.kubectlChecked(["get", "widgets.test.ballast.dev", "w1", "-n", namespace, "-o", "jsonpath={.metadata.managedFields[*].manager}"])
            #expect(managers.contains("ballast-test"))

            let list = try await client.list(Widget.self, Widget.resource, namespace: namespace)
            #expect(list.items.map(\.metadata.name) == ["w1"])
            #expect(list.metadata.resourceVersion != nil)

            try await client.delete(Widget.resource, name: "w1", namespace: namespace)
            let afterDelete = await errorCode { _ = try await client.get(Widget.self, Widget.resource, name: "w1", namespace: namespace) }
            #expect(afterDelete == .notFound)
        }
    }

    @Test func invalidObjectNamesTheField() async throws {
        try await withTestClient { client, _, namespace in
            try await Widget.install(with: client)
            do throws(KubeError) {
                try await client.create(Widget(metadata: ObjectMeta(name: "big", namespace: namespace), spec: .init(size: 99)), Widget.resource)
                Issue.record("an invalid widget was accepted")
            } catch {
                #expect(error.code == .invalid)
                #expect(error.httpStatus == 422)
                #expect(error.fieldCauses == ["spec.size"])
            }
        }
    }

    @Test func statusWritesDoNotBumpGeneration() async throws {
        try await withTestClient { client, _, namespace in
            try await Widget.install(with: client)
            let created = try await client.create(
                Widget(metadata: ObjectMeta(name: "s1", namespace: namespace), spec: .init(size: 1)), Widget.resource)
            var withStatus = created
            withStatus.status = .init(phase: "Ready", observedSize: 1)
            let afterUpdate = try await client.updateStatus(withStatus, Widget.resource)
            #expect(afterUpdate.status?.phase == "Ready")
            #expect(afterUpdate.metadata.generation == created.metadata.generation)

            try await client.patchStatus(Widget.self, Widget.resource, name: "s1", namespace: namespace, .merge(["status": ["observedSize": 7]]))
            let stored = try await client.getStatus(Widget.self, Widget.resource, name: "s1", namespace: namespace)
            #expect(stored.status == .init(phase: "Ready", observedSize: 7))
            #expect(stored.metadata.generation == 1)

            // A status write through the main resource is ignored; a spec change bumps generation.
            let specChange = try await client.patch(Widget.self, Widget.resource, name: "s1", namespace: namespace,
                .merge(["spec": ["size": 2], "status": ["phase": "Ignored"]]))
            #expect(specChange.metadata.generation == 2)
            #expect(specChange.status?.phase == "Ready")
        }
    }

    @Test func staleResourceVersionIsAConflict() async throws {
        try await withTestClient { client, _, namespace in
            try await Widget.install(with: client)
            let original = try await client.create(
                Widget(metadata: ObjectMeta(name: "c1", namespace: namespace), spec: .init(size: 1)), Widget.resource)
            try await client.patch(Widget.self, Widget.resource, name: "c1", namespace: namespace, .merge(["spec": ["size": 2]]))
            var stale = original
            stale.spec.size = 9
            let updateCode = await errorCode { try await client.update(stale, Widget.resource) }
            #expect(updateCode == .conflict)
            let statusCode = await errorCode { try await client.updateStatus(stale, Widget.resource) }
            #expect(statusCode == .conflict)
            let deleteCode = await errorCode {
                try await client.delete(Widget.resource, name: "c1", namespace: namespace,
                    options: DeleteOptions(preconditions: .init(resourceVersion: original.metadata.resourceVersion)))
            }
            #expect(deleteCode == .conflict)
            let current = try await client.get(Widget.self, Widget.resource, name: "c1", namespace: namespace)
            #expect(current.spec.size == 2)

            var unversioned = current
            unversioned.metadata.resourceVersion = nil
            let refused = await errorCode { try await client.update(unversioned, Widget.resource) }
            #expect(refused == .configuration)

            let duplicate = Widget(metadata: ObjectMeta(name: "c1", namespace: namespace), spec: .init(size: 1))
            let createAgain = await errorCode { try await client.create(duplicate, Widget.resource) }
            #expect(createAgain == .alreadyExists)
        }
    }
}
