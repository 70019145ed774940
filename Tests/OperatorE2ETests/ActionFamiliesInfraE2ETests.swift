import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

/// The pod and volume action families and the read-only ones, run by the real operator:
/// evictions through the Eviction API, a bound claim's expansion, diagnostics, notify_only and
/// escalate (the node families are in ``ActionFamiliesNodeE2ESerialTests``).
@Suite(.timeLimit(.minutes(3))) struct ActionFamiliesInfraE2ETests {
    @Test(arguments: [false, true])
    func deletePodEvictsThePodAndItsReplicaSetReplacesIt(dryRun: Bool) async throws {
        try await Scenario.run("e2f-evict") { scenario in
            try await scenario.applyEveryActionPolicy()
            scenario.startKubelet(.allReady)
            try await scenario.createDeployment("web", replicas: 2)
            let pod = try #require(try await scenario.pods(of: "web").first)
            let name = try #require(pod.metadata.name)
            _ = try await scenario.startOperator()

            let target = scenario.target("Pod", name)
            try await scenario.requestAction("evict", .deletePod, target: target, mode: dryRun ? .dryRun : .auto)
            let done = try await scenario.waitForOutcome("evict")
            #expect(done.status?.execution?.result == .succeeded, "\(Scenario.summary(done))")
            let entry = try await scenario.historyEntry(of: target, actionId: done.status?.execution?.actionId)
            if dryRun {
                #expect(done.status?.phase == .completed)
                #expect(try await scenario.podGone(name, uid: pod.metadata.uid) == false, "a dry-run eviction leaves the pod")
                #expect(entry.state == .dryRun)
            } else {
                #expect(Scenario.condition("Executed", of: done)?.reason == "Succeeded", "\(Scenario.summary(done))")
                #expect(try await scenario.podGone(name, uid: pod.metadata.uid), "the evicted pod is gone")
                #expect(done.status?.execution?.changes?.map(\.path) == ["pods[\(scenario.namespace)/\(name)]"])
                #expect(entry.state == .succeeded)
                try await scenario.eventually("the ReplicaSet to replace the evicted pod") {
                    try await scenario.pods(of: "web").count == 2 ? true : nil
                }
                let verified = try await scenario.waitForRequest("evict", in: [.completed, .failed])
                // The evicted pod is gone by design: verification counts it as healthy.
                #expect(verified.status?.phase == .completed, "\(Scenario.summary(verified))")
            }
        }
    }

    @Test func expandPVCGrowsTheBoundClaimsRequest() async throws {
        try await Scenario.run("e2f-pvc") { scenario in
            let storageClass = scenario.clusterName("sc")
            let volume = scenario.clusterName("pv")
            try await scenario.withClusterObjects(["pv/\(volume)", "storageclass/\(storageClass)"]) {
                try await scenario.applyEveryActionPolicy()
                try await scenario.createBoundClaim("data", size: "1Gi", storageClass: storageClass, volume: volume)
                _ = try await scenario.startOperator()

                let target = scenario.target("PersistentVolumeClaim", "data")
                try await scenario.requestAction("grow", .expandPVC, parameters: ["size": "2Gi"], target: target)
                let done = try await scenario.waitForOutcome("grow")
                #expect(Scenario.condition("Executed", of: done)?.reason == "Succeeded", "\(Scenario.summary(done))")
                let claim = try await scenario.object(.persistentVolumeClaims, "data")
                #expect(claim["spec"]?.value(at: ["resources", "requests", "storage"])?.stringValue == "2Gi")
                let change = done.status?.execution?.changes?.first
                #expect(change?.path == "spec.resources.requests.storage" && change?.from == "1Gi" && change?.to == "2Gi")

                try await scenario.requestAction("too-big", .expandPVC, parameters: ["size": "20Gi"], target: target)
                let refused = try await scenario.waitForOutcome("too-big")
                #expect([.failed, .blocked].contains(refused.status?.phase), "over maxSize 10Gi: \(Scenario.summary(refused))")
                let after = try await scenario.object(.persistentVolumeClaims, "data")
                #expect(after["spec"]?.value(at: ["resources", "requests", "storage"])?.stringValue == "2Gi")
            }
        }
    }

    @Test func collectDiagnosticsWritesTheFindingsToStatusAndChangesNothing() async throws {
        try await Scenario.run("e2f-diag") { scenario in
            try await scenario.applyEveryActionPolicy()
            scenario.startKubelet(FakeKubelet { _ in .crashLooping })
            try await scenario.createDeployment("web", replicas: 2)
            let pods = try await scenario.eventually("both pods to report their containers") {
                let pods = try await scenario.pods(of: "web")
                return pods.count == 2 && pods.allSatisfy({ $0.status?.containerStatuses?.isEmpty == false }) ? pods : nil
            }
            let crashing = try #require(pods.compactMap(\.metadata.name).sorted().first)
            try await scenario.recordKubeletWarning(about: crashing, reason: "BackOff", message: "Back-off restarting failed container", count: 7)
            let generation = try await scenario.deployment("web").metadata.generation
            _ = try await scenario.startOperator()

            try await scenario.requestAction("diag", .collectDiagnostics, parameters: ["logLines": 5], target: scenario.deploymentTarget("web"))
            let done = try await scenario.waitForOutcome("diag")
            #expect(done.status?.phase == .completed, "read-only: completes without verification: \(Scenario.summary(done))")
            let message = done.status?.execution?.message ?? ""
            #expect(message.contains("2 pods") && message.contains("Waiting: CrashLoopBackOff"), "a short brief stays: \(message)")
            #expect(message.count <= 4096, "within the CRD bound of execution.message")

            let diagnostics = try #require(done.status?.diagnostics, "status.diagnostics: \(Scenario.summary(done))")
            #expect(Set(diagnostics.pods.map(\.name)) == Set(pods.compactMap(\.metadata.name)))
            for pod in diagnostics.pods {
                #expect(pod.phase == "Running")
                #expect(pod.containers == [DiagnosticsContainer(
                    name: "app", ready: false, restartCount: 5, state: "Waiting: CrashLoopBackOff", lastTermination: "Error (exit 1)")],
                    "the FakeKubelet's container state of \(pod.name)")
            }
            let warning = try #require(diagnostics.events.first, "\(diagnostics.events)")
            #expect(warning.type == "Warning" && warning.reason == "BackOff" && warning.count == 7, "warnings come first: \(warning)")
            #expect(warning.object == "Pod/\(crashing)" && warning.message == "Back-off restarting failed container")
            #expect(diagnostics.logs.isEmpty, "no kubelet serves logs here")
            #expect(diagnostics.notes.contains { $0.hasPrefix("logs of \(crashing)/app unavailable") }, "\(diagnostics.notes)")
            #expect(abs(diagnostics.collectedAt.timeIntervalSince(done.status?.execution?.finishedAt ?? .distantPast)) < 30)
            #expect(try await scenario.deployment("web").metadata.generation == generation)
        }
    }

    @Test func notifyOnlyIsSkippedAndEscalateIsEscalatedWithoutExecuting() async throws {
        try await Scenario.run("e2f-notice") { scenario in
            try await scenario.applyEveryActionPolicy()
            scenario.startKubelet(.allReady)
            try await scenario.createDeployment("web", replicas: 1)
            _ = try await scenario.startOperator()
            let target = scenario.deploymentTarget("web")

            try await scenario.requestAction("note", .notifyOnly, parameters: ["message": "disk at 85%"], target: target)
            try await scenario.requestAction("page", .escalate, parameters: ["reason": "needs a person"], target: target)
            let note = try await scenario.waitForOutcome("note")
            let page = try await scenario.waitForOutcome("page")
            #expect(note.status?.phase == .skipped, "\(Scenario.summary(note))")
            #expect(page.status?.phase == .escalated, "\(Scenario.summary(page))")
            try await scenario.waitForEvent("NotifyOnly", about: "note")
            try await scenario.waitForEvent("EscalationRequested", about: "page")
            #expect(try await scenario.deployment("web").metadata.annotations?["ballast.dev/last-action-id"] == nil)
        }
    }
}
