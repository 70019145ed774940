import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes

/// The workloads a scenario remediates: Deployments and their pods, read from the API server.
extension Scenario {
    /// Creates Deployment `name` with one container `app` running `image`, and waits until
    /// the Deployment controller has observed it and its ReplicaSet has created every pod.
    /// The `Recreate` strategy makes a rollout to a version that never gets ready (a crash
    /// loop) replace every pod instead of stalling behind the surge pod.
    func createDeployment(_ name: String, image: String = "registry.local/web:v1", replicas: Int = 2) async throws {
        try await apply("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: \(name)}
            spec:
              replicas: \(replicas)
              revisionHistoryLimit: 10
              strategy: {type: Recreate}
              selector: {matchLabels: {app: \(name)}}
              template:
                metadata: {labels: {app: \(name)}}
                spec:
                  containers:
                  - name: app
                    image: \(image)
                    resources: {limits: {memory: 512Mi}, requests: {memory: 256Mi}}
            """)
        try await waitForRollout(name, image: image)
    }

    /// Waits until Deployment `name` is observed at its generation and has `spec.replicas`
    /// pods running `image` (replicas ready when the kubelet makes them so).
    func waitForRollout(_ name: String, image: String) async throws {
        try await eventually("Deployment \(name) rolled out with \(image)") {
            let deployment = try await self.deployment(name)
            let pods = try await self.pods(of: name).filter { $0.spec?.containers.first?.image == image }
            let observed = deployment.status?.observedGeneration == deployment.metadata.generation
            return observed && pods.count == Int(deployment.spec?.replicas ?? -1) ? true : nil
        }
    }

    /// Deployment `name` as stored.
    func deployment(_ name: String) async throws -> Deployment {
        try await client.get(Deployment.self, .deployments, name: name, namespace: namespace)
    }

    /// The live (not terminating) pods of Deployment `name` (label `app=<name>`).
    func pods(of name: String) async throws -> [Pod] {
        try await client.list(Pod.self, .pods, namespace: namespace, options: ListOptions(labelSelector: "app=\(name)"))
            .items.filter { $0.metadata.deletionTimestamp == nil }
    }

    /// Sets the image of container `app` of Deployment `name` (a new rollout revision).
    func setImage(_ name: String, _ image: String) async throws {
        try await cluster.kubectlChecked(["set", "image", "-n", namespace, "deployment/\(name)", "app=\(image)"])
        try await waitForRollout(name, image: image)
    }

    /// The image of container `app` in Deployment `name`'s pod template.
    func templateImage(_ name: String) async throws -> String? {
        try await deployment(name).spec?.template?.spec?.containers.first?.image
    }

    /// `metadata.annotations[key]` of Deployment `name`.
    func annotation(_ key: String, ofDeployment name: String) async throws -> String? {
        try await deployment(name).metadata.annotations?[key]
    }
}
