import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

@Suite("Deployments against the API server and controller manager")
struct DeploymentTests {
    static func deployment(_ name: String, namespace: String, replicas: Int32 = 1) -> Deployment {
        Deployment(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: ["app": name]),
            spec: WorkloadSpec(
                replicas: replicas, selector: LabelSelector(matchLabels: ["app": name]),
                template: PodTemplateSpec(
                    metadata: ObjectMeta(labels: ["app": name]),
                    spec: PodSpec(containers: [
                        Container(name: "app", image: "registry.invalid/app:1",
                                  resources: ResourceRequirements(limits: ["memory": try! Quantity(parsing: "64Mi")])),
                        Container(name: "sidecar", image: "registry.invalid/sidecar:1"),
                    ]))))
    }

    @Test func crudAndEveryPatchStrategyOnADeployment() async throws {
        try await withTestClient { client, cluster, namespace in
            let created = try await client.create(Self.deployment("web", namespace: namespace), .deployments)
            #expect(created.spec?.replicas == 1)
            #expect(created.spec?.template?.spec?.containers.map(\.name) == ["app", "sidecar"])

            // The controller manager creates a ReplicaSet owned by the Deployment.
            try await eventually("a ReplicaSet for web") {
                let sets = try await client.list(ReplicaSet.self, .replicaSets, namespace: namespace, options: ListOptions(labelSelector: "app=web"))
                return sets.items.first?.metadata.controllerReference?.uid == created.metadata.uid
            }

            // Strategic merge: containers merge by name, so the sidecar survives.
            let strategic = try await client.patch(Deployment.self, .deployments, name: "web", namespace: namespace,
                .strategicMerge(["spec": ["template": ["spec": ["containers": [["name": "app", "image": "registry.invalid/app:2"]]]]]]))
            #expect(strategic.spec?.template?.spec?.containers.map(\.image) == ["registry.invalid/app:2", "registry.invalid/sidecar:1"])

            let json = try await client.patch(Deployment.self, .deployments, name: "web", namespace: namespace,
                .json([JSONPatchOperation(op: .replace, path: "/spec/replicas", value: 3)]), fieldManager: "ballast-test")
            #expect(json.spec?.replicas == 3)

            let merge = try await client.patch(Deployment.self, .deployments, name: "web", namespace: namespace,
                .merge(["metadata": ["annotations": ["ballast.dev/touched": "yes"]]]))
            #expect(merge.metadata.annotations?["ballast.dev/touched"] == "yes")

            let applied = try await client.patch(Deployment.self, .deployments, name: "web", namespace: namespace,
                .apply(["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"], "spec": ["replicas": 2]],
                       fieldManager: "ballast-apply", force: true))
            #expect(applied.spec?.replicas == 2)

            // World state as kubectl sees it: every field the typed model lacks is intact.
            let images = try await cluster.kubectlChecked(["get", "deployment", "web", "-n", namespace, "-o", "jsonpath={.spec.template.spec.containers[*].image}"])
            #expect(images == "registry.invalid/app:2 registry.invalid/sidecar:1")
            let pullPolicy = try await cluster.kubectlChecked(["get", "deployment", "web", "-n", namespace, "-o", "jsonpath={.spec.template.spec.containers[0].imagePullPolicy}"])
            #expect(pullPolicy == "IfNotPresent")

            // Untyped read-modify-write keeps every field.
            var raw = try await client.get(UnstructuredObject.self, .deployments, name: "web", namespace: namespace)
            raw.metadata.labels?["tier"] = "front"
            let rewritten = try await client.update(raw, .deployments)
            #expect(rewritten.metadata.labels?["tier"] == "front")
            #expect(rewritten["spec"]?.value(at: ["template", "spec", "containers"]) == raw["spec"]?.value(at: ["template", "spec", "containers"]))

            let result = try await client.delete(.deployments, name: "web", namespace: namespace, options: DeleteOptions(propagationPolicy: .foreground))
            if case .status = result {
                Issue.record("a foreground delete returns the object while dependents are removed")
            }
            try await eventually("web and its ReplicaSets deleted") {
                let sets = try await client.list(ReplicaSet.self, .replicaSets, namespace: namespace)
                let gone = await errorCode { _ = try await client.get(Deployment.self, .deployments, name: "web", namespace: namespace) }
                return sets.items.isEmpty && gone == .notFound
            }
        }
    }
}
