import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes

/// What the action-family tests add to a ``Scenario``: a policy allowing every catalog action,
/// requests on any kind of target (real or dry run), and the non-Deployment objects the
/// actions act on (StatefulSets, bare pods, Nodes, bound PersistentVolumeClaims, PDBs, HPAs).
extension Scenario {
    /// Every catalog action allowed, with limits generous enough for the tests' parameters.
    static let everyActionAllowed: JSONValue = [
        ["name": "scale_deployment", "limits": ["minReplicas": 0, "maxReplicas": 10, "maxStep": 5]],
        ["name": "scale_statefulset", "limits": ["minReplicas": 0, "maxReplicas": 10, "maxStep": 5]],
        ["name": "restart_deployment"], ["name": "rollback_deployment"],
        ["name": "increase_resources", "limits": ["maxFactor": 2, "maxMemory": "2Gi"]],
        ["name": "delete_pod"], ["name": "update_hpa", "limits": ["maxReplicas": 20, "maxStep": 10]],
        ["name": "cordon_node"], ["name": "uncordon_node"], ["name": "drain_node", "limits": ["maxPods": 10]],
        ["name": "expand_pvc", "limits": ["maxSize": "10Gi"]],
    ]

    /// The base policy with ``everyActionAllowed``.
    func applyEveryActionPolicy() throws {
        try applyPolicy(["actions": Self.everyActionAllowed])
    }

    /// A target of `kind` named `name`: in the scenario's namespace unless `clusterScoped`.
    func target(_ kind: String, _ name: String, clusterScoped: Bool = false) -> TargetReference {
        let apiVersion = switch kind {
        case "Deployment", "StatefulSet", "DaemonSet": "apps/v1"
        case "HorizontalPodAutoscaler": "autoscaling/v2beta2"
        default: "v1"
        }
        return TargetReference(apiVersion: apiVersion, kind: kind, namespace: clusterScoped ? nil : namespace, name: name)
    }

    /// Creates a manual request for `action` on any `target`, in `mode` (`DryRun` for a
    /// server-side dry run).
    @discardableResult
    func requestAction(
        _ name: String, _ action: ActionName, parameters: [String: JSONValue] = [:], target: TargetReference,
        mode: RequestMode = .auto
    ) async throws -> RemediationRequest {
        let request = RemediationRequest(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: RemediationRequestSpec(
                target: target, mode: mode, action: RequestedAction(name: action, parameters: parameters)))
        return try await client.create(request, .remediationRequests)
    }

    /// Waits until request `name` ends (any phase after execution or a refusal) and returns it.
    func waitForOutcome(_ name: String, timeout: Duration = .seconds(40)) async throws -> RemediationRequest {
        try await waitForRequest(name, in: [.verifying, .completed, .failed, .blocked, .escalated, .skipped], timeout: timeout)
    }

    /// Waits until request `name`'s `Executed` condition has `reason` (e.g. `Succeeded`, or
    /// `BlockedByDisruptionBudget`) and returns the request. Phases after it depend on the
    /// verification (a kubelet-less target may verify as unhealthy), so tests judge the execution
    /// by this condition and `status.execution`.
    @discardableResult
    func waitForExecuted(_ name: String, reason: String, timeout: Duration = .seconds(40)) async throws -> RemediationRequest {
        let last = LastSeen<String>()
        return try await eventually("request \(name) executed with reason \(reason)", timeout: timeout, lastSeen: last) {
            let request = try await self.request(name)
            last.set(Self.summary(request))
            return Self.condition("Executed", of: request)?.reason == reason ? request : nil
        }
    }

    /// The condition `type` of `request`.
    static func condition(_ type: String, of request: RemediationRequest) -> Condition? {
        request.status?.conditions?.first { $0.type == type }
    }

    /// The ActionHistory entries of `target`, oldest first (empty while there is none).
    func historyEntries(of target: TargetReference) async throws -> [ActionEntry] {
        let name = ActionHistory.name(for: target)
        do {
            return try await client.get(ActionHistory.self, .actionHistories, name: name, namespace: namespace).status?.entries ?? []
        } catch where error.code == .notFound {
            return []
        }
    }

    /// Waits until the history of `target` holds a completed entry for `actionId` and returns it.
    func historyEntry(of target: TargetReference, actionId: String?) async throws -> ActionEntry {
        try await eventually("ActionHistory entry \(actionId ?? "-") of \(target.kind) \(target.name) completed") {
            try await self.historyEntries(of: target).first { $0.actionId == actionId && $0.state != .pending }
        }
    }

    /// Creates StatefulSet `name` (one container `app`, `replicas` pods).
    func createStatefulSet(_ name: String, replicas: Int) throws {
        try apply("""
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

    /// Object `name` of `resource` as stored (`namespace` defaults to the scenario's; `nil` for
    /// cluster-scoped objects).
    func object(_ resource: ResourceDescriptor, _ name: String, clusterScoped: Bool = false) async throws -> UnstructuredObject {
        try await client.get(UnstructuredObject.self, resource, name: name, namespace: clusterScoped ? nil : namespace)
    }

    /// Whether pod `name` is gone (or replaced by a pod of the same name with another uid).
    func podGone(_ name: String, uid: String?) async throws -> Bool {
        do {
            return try await client.get(Pod.self, .pods, name: name, namespace: namespace).metadata.uid != uid
        } catch where error.code == .notFound {
            return true
        }
    }
}

/// Cluster-scoped objects a family test creates (Nodes, PersistentVolumes, StorageClasses):
/// named after the scenario's namespace so parallel tests never share one, and deleted however
/// the test ends.
extension Scenario {
    /// A cluster-scoped name unique to this scenario: `<namespace>-<suffix>`.
    func clusterName(_ suffix: String) -> String { "\(namespace)-\(suffix)" }

    /// Runs `body`, then deletes `objects` (`kind/name`, as kubectl names them) whatever happened.
    func withClusterObjects(_ objects: [String], _ body: () async throws -> Void) async throws {
        defer { _ = try? cluster.kubectl(["delete", "--ignore-not-found", "--wait=false"] + objects) }
        try await body()
    }

    /// Creates Node `name` reporting `Ready` (as its kubelet would; there is none) and `pods`
    /// bare pods bound to it, each with a zero termination grace period so an eviction removes
    /// them at once, as a kubelet would.
    func createNode(_ name: String, pods: Int) async throws {
        try cluster.kubectlChecked(["apply", "-f", "-"], input: "{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"\(name)\"}}")
        let ready: JSONValue = ["conditions": [["type": "Ready", "status": "True", "reason": "KubeletReady", "message": "e2e"]]]
        _ = try await client.patchStatus(UnstructuredObject.self, .nodes, name: name, namespace: nil, .merge(["status": ready]))
        for index in 0..<pods {
            try apply("""
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
        try cluster.kubectlChecked(["apply", "-f", "-"], input: """
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
        try apply("""
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
    /// Creates or updates PodDisruptionBudget `web-pdb` (policy/v1beta1) over `app=web`.
    func setBudget(minAvailable: Int) throws {
        try apply("""
            apiVersion: policy/v1beta1
            kind: PodDisruptionBudget
            metadata: {name: web-pdb}
            spec:
              minAvailable: \(minAvailable)
              selector: {matchLabels: {app: web}}
            """)
    }

    /// Waits until the disruption controller has computed `web-pdb`'s allowance.
    func waitForBudget(disruptionsAllowed: Int64) async throws {
        try await eventually("web-pdb to allow \(disruptionsAllowed) disruptions") {
            let budget = try await self.object(.podDisruptionBudgets, "web-pdb")
            let observed = budget["status"]?["observedGeneration"]?.intValue == budget.metadata.generation
            return observed && budget["status"]?["disruptionsAllowed"]?.intValue == disruptionsAllowed ? true : nil
        }
    }
}

extension Scenario {
    /// ``applyEveryActionPolicy()`` with an empty namespace selector: it covers the whole
    /// cluster, cluster-scoped targets (Nodes) included. Only for `…SerialTests` suites, which
    /// run alone, since it applies to every other test's targets too.
    func applyClusterWidePolicy() throws {
        try applyPolicy(["actions": Self.everyActionAllowed, "namespaceSelector": [:]])
    }
}
