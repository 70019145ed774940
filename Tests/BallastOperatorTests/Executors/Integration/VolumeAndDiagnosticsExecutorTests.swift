import BallastAPI
import KubeClient
import KubeTypes
import Testing

@testable import BallastOperator

@Suite struct VolumeExecutorTests {
    /// A StorageClass (named after the namespace) and a 1Gi claim of it, marked Bound as the
    /// persistent-volume binder would (only bound claims may grow).
    func claim(_ harness: ExecutorHarness, expandable: Bool, _ body: (String) async throws -> Void) async throws {
        let storageClass = "sc-\(harness.namespace)"
        try await harness.cluster.kubectlChecked(["apply", "-f", "-"], input: """
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: \(storageClass)}
            provisioner: example.com/none
            allowVolumeExpansion: \(expandable)
            """)
        defer { harness.cluster.kubectlInBackground(["delete", "storageclass", storageClass, "--wait=false"]) }
        try await harness.apply("""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data}
            spec: {storageClassName: \(storageClass), accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            """)
        try await harness.client.patchStatus(
            UnstructuredObject.self, .persistentVolumeClaims, name: "data", namespace: harness.namespace,
            .merge(["status": ["phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": ["storage": "1Gi"]]]))
        try await body(storageClass)
    }

    func storage(_ harness: ExecutorHarness) async throws -> JSONValue? {
        try await harness.object(.persistentVolumeClaims, "data").at("spec", "resources", "requests", "storage")
    }

    @Test func growsAClaimWhoseStorageClassAllowsExpansion() async throws {
        try await ExecutorHarness.run("exec-pvc") { harness in
            try await claim(harness, expandable: true) { (_: String) async throws in
                let dry = await harness.execute(.expandPVC, on: "PersistentVolumeClaim", "data", apiVersion: "v1", parameters: ["size": "2Gi"], dryRun: true)
                #expect(dry.result == .succeeded, "\(dry.message)")
                #expect(try await storage(harness) == "1Gi")
                let real = await harness.execute(.expandPVC, on: "PersistentVolumeClaim", "data", apiVersion: "v1", parameters: ["factor": 2.0])
                #expect(real.result == .succeeded, "\(real.message)")
                #expect(real.changes == [FieldChange(path: "spec.resources.requests.storage", from: "1Gi", to: "2Gi")])
                #expect(try await storage(harness) == "2Gi")
                let again = await harness.execute(.expandPVC, on: "PersistentVolumeClaim", "data", apiVersion: "v1", parameters: ["factor": 2.0])
                #expect(again.result == .alreadyApplied)
                #expect(try await storage(harness) == "2Gi")
            }
        }
    }

    @Test func refusesWhenTheStorageClassDoesNotAllowExpansion() async throws {
        try await ExecutorHarness.run("exec-pvc-no") { harness in
            try await claim(harness, expandable: false) { (storageClass: String) async throws in
                let outcome = await harness.execute(.expandPVC, on: "PersistentVolumeClaim", "data", apiVersion: "v1", parameters: ["size": "2Gi"])
                guard case .refused(let refusal) = outcome.result else {
                    Issue.record("expected a refusal, got \(outcome.result)")
                    return
                }
                #expect(refusal.reason == .storageClassNotExpandable && refusal.message.contains(storageClass))
                #expect(try await storage(harness) == "1Gi")
            }
        }
    }
}

@Suite struct DiagnosticsExecutorTests {
    @Test func collectsEventsAndContainerStatesWithoutChangingAnything() async throws {
        try await ExecutorHarness.run("exec-diag") { harness in
            try await harness.deployment("web", replicas: 1)
            var podName = ""
            try await ExecutorHarness.eventually("the ReplicaSet creates a pod") {
                let pods = try await harness.client.list(Pod.self, .pods, namespace: harness.namespace, options: ListOptions(labelSelector: "app=web")).items
                podName = pods.first?.metadata.name ?? ""
                return !podName.isEmpty
            }
            try await harness.client.patchStatus(
                UnstructuredObject.self, .pods, name: podName, namespace: harness.namespace,
                .merge([
                    "status": [
                        "phase": "Running",
                        "containerStatuses": [[
                            "name": "app", "ready": false, "restartCount": 3, "image": "registry.local/web:v1", "imageID": "",
                            "state": ["waiting": ["reason": "CrashLoopBackOff"]],
                            "lastState": ["terminated": ["exitCode": 137, "reason": "OOMKilled"]],
                        ]],
                    ],
                ]))
            let before = try await harness.settled(.deployments, "web")
            let outcome = await harness.execute(.collectDiagnostics, on: "Deployment", "web", parameters: ["logLines": 5])
            #expect(outcome.result == .succeeded)
            let summary = try #require(outcome.diagnostics)
            #expect(summary.pods.map(\.name) == [podName])
            #expect(summary.pods.first?.containers == [DiagnosticsContainer(
                name: "app", ready: false, restartCount: 3, state: "Waiting: CrashLoopBackOff", lastTermination: "OOMKilled (exit 137)")])
            #expect(summary.events.contains { $0.reason == "ScalingReplicaSet" && $0.object == "Deployment/web" })
            #expect(summary.notes.contains { $0.hasPrefix("logs of \(podName)/app unavailable") })
            #expect(summary.collectedAt.timeIntervalSince1970.rounded(.down) == summary.collectedAt.timeIntervalSince1970,
                    "whole seconds, so the status reads back from the API server unchanged")
            #expect(try await harness.object(.deployments, "web").showsNoWrite(since: before))
            #expect(!outcome.message.contains("incomplete"))

            // Events are read per object (field selector), so a busy namespace cannot crowd out
            // the pod's; a listing cut at the page size is named in the notes and the message.
            for (name, kind, object, reason) in [
                ("noise-0", "ConfigMap", "noise", "Noise"), ("noise-1", "ConfigMap", "noise", "Noise"),
                ("noise-2", "ConfigMap", "noise", "Noise"), ("pod-0", "Pod", podName, "BackOff"), ("pod-1", "Pod", podName, "Unhealthy"),
            ] {
                try await harness.apply("""
                    apiVersion: v1
                    kind: Event
                    metadata: {name: \(name)}
                    involvedObject: {apiVersion: v1, kind: \(kind), name: \(object), namespace: \(harness.namespace)}
                    reason: \(reason)
                    message: test event
                    type: Warning
                    source: {component: test}
                    """)
            }
            var executor = harness.executor
            executor.diagnosticsBounds.listPage = 1
            let cut = await executor.execute(
                action: .collectDiagnostics, parameters: [:],
                target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: harness.namespace, name: "web"),
                actionId: "diag-cut", dryRun: false)
            let cutSummary = try #require(cut.diagnostics)
            #expect(!cutSummary.events.contains { $0.reason == "Noise" }, "other objects' Events are not read")
            #expect(cutSummary.events.filter { $0.object == "Pod/\(podName)" }.count == 1, "one page of 1")
            #expect(cutSummary.notes.contains("Events of Pod \(harness.namespace)/\(podName): only the first 1 were read; the API server has more"))
            #expect(cut.message.contains("; incomplete, only one page of 1 read of: "), "\(cut.message)")
            #expect(cut.message.contains("Events of Pod \(harness.namespace)/\(podName)"), "\(cut.message)")

            let full = await harness.execute(.collectDiagnostics, on: "Deployment", "web")
            let reasons = Set(try #require(full.diagnostics).events.map(\.reason))
            #expect(reasons.isSuperset(of: ["BackOff", "Unhealthy", "ScalingReplicaSet"]) && !reasons.contains("Noise"))
        }
    }
}
