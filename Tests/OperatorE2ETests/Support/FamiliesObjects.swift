import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes

/// The objects the action families act on, created and read as an admin: StatefulSets,
/// DaemonSets, bare pods, Nodes, bound PersistentVolumeClaims, PodDisruptionBudgets.
extension Scenario {
    /// Creates StatefulSet `name` (one container `app`, `replicas` pods).
    func createStatefulSet(_ name: String, replicas: Int) async throws {
        try await apply("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: \(name)}
            spec:
              replicas: \(replicas)
              serviceName: \(name)
              selector: {matchLabels: {app: \(name)}}
              template:
                metadata: {labels: {app: \(name)}}
                spec: {containers: [{name: app, image: registry.local/db:v1}]}
            """)
    }

    /// Creates DaemonSet `name` (one container `app`). The local control plane has no
    /// schedulable nodes, so it runs no pods; its template is what a restart changes.
    func createDaemonSet(_ name: String) async throws {
        try await apply("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: \(name)}
            spec:
              selector: {matchLabels: {app: \(name)}}
              template:
                metadata: {labels: {app: \(name)}}
                spec: {containers: [{name: app, image: registry.local/agent:v1}]}
            """)
    }

    /// Creates the workload a family test acts on and returns its name: StatefulSet `db` (one
    /// pod), DaemonSet `agent`, or Deployment `web` (two pods) for any other kind.
    func createWorkload(_ kind: String) async throws -> String {
        switch kind {
        case "StatefulSet":
            try await createStatefulSet("db", replicas: 1)
            return "db"
        case "DaemonSet":
            try await createDaemonSet("agent")
            return "agent"
        default:
            try await createDeployment("web", replicas: 2)
            return "web"
        }
    }

    /// Records a `Warning` Event about pod `pod`, as its kubelet would (there is none here),
    /// seen `count` times, last just now.
    func recordKubeletWarning(about pod: String, reason: String, message: String, count: Int32) async throws {
        let now = Date()
        let event = Event(
            metadata: ObjectMeta(name: "\(pod).\(reason.lowercased())", namespace: namespace),
            involvedObject: ObjectReference(apiVersion: "v1", kind: "Pod", namespace: namespace, name: pod),
            reason: reason, message: message, type: "Warning", count: count,
            firstTimestamp: now.addingTimeInterval(-60), lastTimestamp: now, source: Event.Source(component: "kubelet", host: "node-1"))
        _ = try await client.create(event, .events)
    }

    /// Object `name` of `resource` as stored (`namespace` defaults to the scenario's; `nil` for
    /// cluster-scoped objects).
    func object(_ resource: ResourceDescriptor, _ name: String, clusterScoped: Bool = false) async throws -> UnstructuredObject {
        try await client.get(UnstructuredObject.self, resource, name: name, namespace: clusterScoped ? nil : namespace)
    }

    /// Whether pod `name` is gone (or replaced by a pod of the same name with another uid).
    func podGone(_ name: String, uid: String?) async throws -> Bool {
        let pod: Pod
        do {
            pod = try await client.get(Pod.self, .pods, name: name, namespace: namespace)
        } catch where error.code == .notFound {
            return true
        }
        return pod.metadata.uid != uid
    }
}

/// Cluster-scoped objects a family test creates (Nodes, PersistentVolumes, StorageClasses):
/// named after the scenario's namespace so parallel tests never share one, and deleted however
/// the test ends.
extension Scenario {
    /// A cluster-scoped name unique to this scenario: `<namespace>-<suffix>`.
    func clusterName(_ suffix: String) -> String { "\(namespace)-\(suffix)" }

    /// Runs `body`, then deletes `objects` (`kind/name`, as kubectl names them) whatever happened.
    /// Their finalizers are cleared first: the local control plane runs no pv-protection
    /// controller, so a PersistentVolume would otherwise stay Terminating forever.
    func withClusterObjects(_ objects: [String], _ body: () async throws -> Void) async throws {
        func cleanUp() async {
            for object in objects {
                _ = try? await cluster.kubectl(["patch", object, "--type=merge", "-p", #"{"metadata":{"finalizers":null}}"#])
            }
            _ = try? await cluster.kubectl(["delete", "--ignore-not-found", "--wait=false"] + objects)
        }
        do {
            try await body()
        } catch {
            await cleanUp()
            throw error
        }
        await cleanUp()
    }

    /// Creates Node `name` reporting `Ready` (as its kubelet would; there is none) and `pods`
    /// bare pods bound to it, each with a zero termination grace period so an eviction removes
    /// them at once, as a kubelet would.
    func createNode(_ name: String, pods: Int) async throws {
        try await cluster.kubectlChecked(["apply", "-f", "-"], input: "{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"\(name)\"}}")
        let ready: JSONValue = ["conditions": [["type": "Ready", "status": "True", "reason": "KubeletReady", "message": "e2e"]]]
        _ = try await client.patchStatus(UnstructuredObject.self, .nodes, name: name, namespace: nil, .merge(["status": ready]))
        for index in 0..<pods {
            try await apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: on-node-\(index), labels: {app: on-node}}
                spec:
                  nodeName: \(name)
                  terminationGracePeriodSeconds: 0
                  containers: [{name: app, image: registry.local/web:v1}]
                """)
        }
    }

    /// Creates an expandable StorageClass `storageClass`, a PersistentVolume `volume` and claim
    /// `claim` of `size` bound to it (written as the PV binder would: `spec.volumeName` and
    /// `status.phase: Bound`; the local control plane runs no binder).
    func createBoundClaim(_ claim: String, size: String, storageClass: String, volume: String) async throws {
        try await cluster.kubectlChecked(["apply", "-f", "-"], input: """
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: \(storageClass)}
            provisioner: kubernetes.io/no-provisioner
            allowVolumeExpansion: true
            ---
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: \(volume)}
            spec:
              capacity: {storage: 10Gi}
              accessModes: [ReadWriteOnce]
              storageClassName: \(storageClass)
              hostPath: {path: /tmp/\(volume)}
              claimRef: {namespace: \(namespace), name: \(claim)}
            """)
        try await apply("""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: \(claim)}
            spec:
              accessModes: [ReadWriteOnce]
              storageClassName: \(storageClass)
              volumeName: \(volume)
              resources: {requests: {storage: \(size)}}
            """)
        let bound: JSONValue = ["phase": "Bound", "capacity": ["storage": .string(size)], "accessModes": ["ReadWriteOnce"]]
        _ = try await client.patchStatus(
            UnstructuredObject.self, .persistentVolumeClaims, name: claim, namespace: namespace, .merge(["status": bound]))
    }
}

extension Scenario {
    /// Creates or updates PodDisruptionBudget `<app>-pdb` (policy/v1beta1) over `app=<app>`.
    func setBudget(minAvailable: Int, app: String = "web") async throws {
        try await apply("""
            apiVersion: policy/v1beta1
            kind: PodDisruptionBudget
            metadata: {name: \(app)-pdb}
            spec:
              minAvailable: \(minAvailable)
              selector: {matchLabels: {app: \(app)}}
            """)
    }

    /// Waits until the disruption controller has computed `<app>-pdb`'s allowance.
    func waitForBudget(disruptionsAllowed: Int64, app: String = "web") async throws {
        try await eventually("\(app)-pdb to allow \(disruptionsAllowed) disruptions") {
            let budget = try await self.object(.podDisruptionBudgets, "\(app)-pdb")
            let observed = budget["status"]?["observedGeneration"]?.intValue == budget.metadata.generation
            return observed && budget["status"]?["disruptionsAllowed"]?.intValue == disruptionsAllowed ? true : nil
        }
    }
}
