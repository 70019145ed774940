import BallastAPI
import ClusterTestSupport
import Foundation
import KubeTypes
import Testing

/// The whole path with nothing simulated but the kubelet: a real Alertmanager delivers a
/// crash-loop alert to the real operator process, which decides with the built-in rules, rolls
/// the Deployment back to its previous revision, and completes when Alertmanager resolves the
/// alert.
@Suite(.timeLimit(.minutes(3))) struct AlertmanagerFlowE2ETests {
    @Test func crashLoopAlertFromAlertmanagerIsRolledBackAndCompletedWhenItResolves() async throws {
        try await Scenario.run("e2e-am") { scenario in
            try await scenario.applyPolicy()
            // The bad version (v2) crash-loops, every other version runs and is Ready.
            scenario.startKubelet(FakeKubelet { image in image.hasSuffix(":v2") ? .crashLooping : .ready })
            try await scenario.createDeployment("web", image: "registry.local/web:v1")
            try await scenario.setImage("web", "registry.local/web:v2")
            let crashing = try #require(try await scenario.pods(of: "web").first { $0.spec?.containers.first?.image == "registry.local/web:v2" })
            let generationBefore = try await scenario.deployment("web").metadata.generation ?? 0

            // Verification waits up to a minute for the alert to resolve.
            let ballast = try await scenario.startOperator { $0.remediation = ["verificationWindow": "60s", "verificationPoll": "1s"] }
            let alertmanager = try await Alertmanager(webhookURL: ballast.webhookURL, tokenFile: ballast.tokenFile)
            defer { alertmanager.stop() }
            let startsAt = Date().addingTimeInterval(-120)
            let podName = try #require(crashing.metadata.name)
            try await alertmanager.post(Self.crashLoopAlert(namespace: scenario.namespace, pod: podName, startsAt: startsAt))

            let created = try await scenario.eventually("a RemediationRequest from Alertmanager's notification") {
                try await scenario.requests().first
            }
            let name = try #require(created.metadata.name)
            let fingerprint = try #require(try await alertmanager.fingerprints().first)
            #expect(created.spec.alert?.fingerprint == fingerprint, "the fingerprint Alertmanager computed")
            #expect(created.spec.alert?.name == "KubePodCrashLooping")

            let executed = try await scenario.waitForRequest(name, in: [.verifying, .completed])
            let decision = try #require(executed.status?.decision)
            #expect(decision.source == .rules, "no LLM is configured: the built-in rules decide")
            #expect(decision.action == .rollbackDeployment)
            #expect(executed.status?.target?.kind == "Deployment" && executed.status?.target?.name == "web",
                    "the pod in the alert was resolved to its Deployment through the owner chain")
            let execution = try #require(executed.status?.execution)
            #expect(execution.result == .succeeded)
            #expect(execution.dryRun == false)
            #expect(try await scenario.templateImage("web") == "registry.local/web:v1", "rolled back to the previous revision")
            #expect(try await scenario.annotation("ballast.dev/last-action-id", ofDeployment: "web") == execution.actionId)
            #expect(try await scenario.deployment("web").metadata.generation == generationBefore + 1, "one rollback, one template change")

            try await alertmanager.post(Self.crashLoopAlert(
                namespace: scenario.namespace, pod: podName, startsAt: startsAt, endsAt: Date().addingTimeInterval(-1)))
            let completed = try await scenario.waitForRequest(name, in: [.completed, .failed])
            #expect(completed.status?.phase == .completed)
            let verified = completed.status?.conditions?.first { $0.type == "Verified" }
            #expect(verified?.status == .true)
            #expect(verified?.reason == "AlertResolved")
            #expect(completed.status?.verification?.alertResolved == true)
            let effectiveness = try #require(completed.status?.verification?.effectiveness)
            #expect(effectiveness > 0.5, "resolved alert and healthy target score high")

            let history = try await scenario.eventually("the ActionHistory entry scored") {
                try await scenario.history(ofDeployment: "web").flatMap { history in
                    history.status?.entries?.first { $0.actionId == execution.actionId && $0.effectiveness != nil } != nil ? history : nil
                }
            }
            let entries = history.status?.entries?.filter { $0.actionId == execution.actionId } ?? []
            #expect(entries.count == 1)
            #expect(entries.first?.state == .succeeded)
            #expect(entries.first?.effectiveness == effectiveness)
            #expect(entries.first?.alert == "KubePodCrashLooping")
            #expect(entries.first?.request?.name == name)

            let reasons = try await scenario.waitForEvent("AlertResolved", about: name)
            #expect(Array(reasons.prefix(2)) == ["RulesDecided", "Succeeded"], "\(reasons)")
        }
    }

    /// A `KubePodCrashLooping` alert as kube-prometheus fires it, in Alertmanager's API v2
    /// shape; with `endsAt` in the past it is resolved.
    static func crashLoopAlert(namespace: String, pod: String, startsAt: Date, endsAt: Date? = nil) -> [[String: Any]] {
        var alert: [String: Any] = [
            "labels": [
                "alertname": "KubePodCrashLooping", "namespace": namespace, "pod": pod, "container": "app",
                "severity": "warning",
            ],
            "annotations": [
                "summary": "Pod is crash looping.",
                "description": "Pod \(namespace)/\(pod) (app) is in waiting state (reason: \"CrashLoopBackOff\").",
            ],
            "startsAt": KubeTime.format(startsAt),
            "generatorURL": "http://prometheus.example/graph",
        ]
        if let endsAt { alert["endsAt"] = KubeTime.format(endsAt) }
        return [alert]
    }
}
