import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Prometheus
import Testing
@testable import BallastOperator

/// The receiver with both Kubernetes sinks against the real API server: Alertmanager's v4
/// notifications become rows of `status.alerts` in the ActionHistory of the alert's target.
@Suite(.timeLimit(.minutes(3))) struct AlertTimelineReceiverTests {
    /// A receiver writing through an admin client (requests) and `timelineKubeconfig`'s client
    /// (the timeline), in a fresh namespace that also serves as the operator's namespace.
    struct Fixture {
        let cluster: LocalCluster
        let namespace: String
        let client: KubeClient
        let receiver: AlertReceiver
        let metrics: BallastMetrics

        /// The history of Deployment `name`, read with kubectl (not with the code under test).
        func history(ofDeployment name: String) async throws -> ActionHistory? {
            let result = try await cluster.kubectl(["get", "actionhistories.ballast.dev", "deployment-\(name)", "-n", namespace, "-o", "json"])
            guard result.status == 0 else { return nil }
            return try JSONDecoder.kubernetes().decode(ActionHistory.self, from: Data(result.stdout.utf8))
        }

        /// Every ActionHistory name in the namespace.
        func historyNames() async throws -> [String] {
            try await cluster.kubectlChecked(["get", "actionhistories.ballast.dev", "-n", namespace, "-o", "name"])
                .split(separator: "\n").map(String.init)
        }

        /// `ballast_alert_timeline_writes_total{result}`, 0 when not yet recorded.
        func timelineWrites(_ result: AlertTimelineWriteResult) -> Int {
            sample(#"ballast_alert_timeline_writes_total{result="\#(result.rawValue)"}"#)
        }

        /// `ballast_alert_timeline_backlog`: notifications waiting to be recorded again.
        var timelineBacklog: Int { sample("ballast_alert_timeline_backlog") }

        /// The value of the sample named exactly `series` (name and labels), 0 when absent.
        private func sample(_ series: String) -> Int {
            let text = String(decoding: metrics.render(), as: UTF8.self)
            let prefix = series + " "
            return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }.map { Int($0) } ?? 0
        }

        /// Posts one notification with `alerts` and expects the receiver's 200.
        func post(_ alerts: [[String: Any]]) async {
            let reply = await receiver.receive(body: Self.body(alerts))
            #expect(reply.status == 200, "\(reply)")
        }

        /// A Deployment `name` (two replicas) and, once the controllers made them, its pods' names.
        func deployment(_ name: String) async throws -> [String] {
            try await cluster.kubectlChecked(["apply", "-n", namespace, "-f", "-"], input: """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: \(name)}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: \(name)}}
                  template:
                    metadata: {labels: {app: \(name)}}
                    spec: {containers: [{name: app, image: registry.local/\(name):v1}]}
                """)
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                let pods = try await client.list(Pod.self, .pods, namespace: namespace, options: ListOptions(labelSelector: "app=\(name)")).items
                if !pods.isEmpty { return pods.compactMap(\.metadata.name) }
                try await Task.sleep(for: .milliseconds(200))
            }
            throw TimelineTestError("Deployment \(namespace)/\(name) got no pods within 60 s")
        }

        static func body(_ alerts: [[String: Any]]) -> [UInt8] {
            Payloads.bytes(Payloads.webhook(alerts: alerts))
        }
    }

    struct TimelineTestError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The fixture, with a sink timeout of a minute: a loaded test machine (the API server
    /// answering in seconds) must not cut the writes under test short.
    /// `timelineRequestTimeout`: the timeline client's deadline per call (a short one turns an
    /// outage into failed calls rather than calls that wait for the server to come back);
    /// `sinkTimeout`: the receiver's bound on one notification.
    static func withFixture(
        timelineKubeconfig: (LocalCluster) -> String = \.adminKubeconfig, timelineRequestTimeout: Duration? = nil,
        sinkTimeout: Duration = .seconds(60), _ body: (Fixture) async throws -> Void
    ) async throws {
        let cluster = try await ReceiverCluster.prepared().cluster
        let namespace = try await cluster.makeNamespace("rcv-timeline")
        defer { cluster.deleteNamespace(namespace) }
        let client = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: cluster.adminKubeconfig))
        var timelineConfiguration = try KubeConfiguration.load(kubeconfigPath: timelineKubeconfig(cluster))
        if let timelineRequestTimeout { timelineConfiguration.requestTimeout = timelineRequestTimeout }
        let timelineClient = try KubeClient(configuration: timelineConfiguration)
        let metrics = BallastMetrics(registry: PrometheusCollectorRegistry())
        let receiver = AlertReceiver(
            sink: KubeRemediationRequestSink(client: client),
            timeline: KubeAlertTimelineSink(client: timelineClient, operatorNamespace: namespace, metrics: metrics),
            configuration: AlertReceiver.Configuration(namespacePolicy: .alertNamespace(fallback: namespace), sinkTimeout: sinkTimeout),
            metrics: metrics)
        let fixture = Fixture(cluster: cluster, namespace: namespace, client: client, receiver: receiver, metrics: metrics)
        do {
            try await body(fixture)
            try await client.shutdown()
            try await timelineClient.shutdown()
        } catch {
            try? await client.shutdown()
            try? await timelineClient.shutdown()
            throw error
        }
    }

    /// Whole seconds, so times survive the API server's RFC 3339 round trip unchanged.
    static let startsAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 600).rounded(.down))
    static let endsAt = startsAt.addingTimeInterval(300)

    /// An alert as Alertmanager sends it, naming its target with `target` labels.
    static func alert(
        _ status: String, namespace: String, target: [String: String], fingerprint: String = "7f3a9c0d1e2b3a4c",
        name: String = "HighErrorRate", startsAt: Date = startsAt, endsAt: Date = endsAt
    ) -> [String: Any] {
        var alert = Payloads.alert(status: status, name: name, namespace: namespace, fingerprint: fingerprint, extraLabels: target)
        alert["startsAt"] = KubeTime.format(startsAt)
        alert["endsAt"] = status == "firing" ? "0001-01-01T00:00:00Z" : KubeTime.format(endsAt)
        return alert
    }

    @Test func firingThenResolvedLandOnTheDeploymentsHistoryOnceEach() async throws {
        try await Self.withFixture { env in
            _ = try await env.deployment("web")
            let target = ["deployment": "web"]
            let firing = Self.alert("firing", namespace: env.namespace, target: target)
            await env.post([firing])
            let created = try #require(try await env.history(ofDeployment: "web"), "the history is created with the first state change")
            #expect(created.spec.target.kind == "Deployment" && created.spec.target.name == "web")
            #expect(created.spec.target.uid?.isEmpty == false, "the live Deployment's uid, as the reconciler records it")
            let firingRow = AlertObservation(name: "HighErrorRate", fingerprint: "7f3a9c0d1e2b3a4c", state: .firing, at: Self.startsAt)
            #expect(created.status?.alerts == [firingRow])

            await env.post([firing])
            await env.post([firing])
            let repeated = try #require(try await env.history(ofDeployment: "web"))
            #expect(repeated.metadata.resourceVersion == created.metadata.resourceVersion, "Alertmanager's repeats write nothing")

            let resolved = Self.alert("resolved", namespace: env.namespace, target: target)
            await env.post([resolved])
            await env.post([resolved, firing])
            let done = try #require(try await env.history(ofDeployment: "web"))
            let resolvedRow = AlertObservation(name: "HighErrorRate", fingerprint: "7f3a9c0d1e2b3a4c", state: .resolved, at: Self.endsAt)
            #expect(done.status?.alerts == [firingRow, resolvedRow], "the late re-sent firing is older than the resolution")
            #expect(env.timelineWrites(.recorded) == 2)
            #expect(env.timelineWrites(.unchanged) == 3)
            #expect(try await env.historyNames() == ["actionhistory.ballast.dev/deployment-web"])
        }
    }

    @Test func anAlertFirstSeenResolvedLandsAsItsWholeEpisodeInOneWrite() async throws {
        try await Self.withFixture { env in
            _ = try await env.deployment("api")
            let resolved = Self.alert("resolved", namespace: env.namespace, target: ["deployment": "api"])
            await env.post([resolved])
            let history = try #require(try await env.history(ofDeployment: "api"), "a resolved-only alert still creates the history")
            #expect(history.status?.alerts == [
                AlertObservation(name: "HighErrorRate", fingerprint: "7f3a9c0d1e2b3a4c", state: .firing, at: Self.startsAt),
                AlertObservation(name: "HighErrorRate", fingerprint: "7f3a9c0d1e2b3a4c", state: .resolved, at: Self.endsAt),
            ])
            await env.post([resolved])
            let repeated = try #require(try await env.history(ofDeployment: "api"))
            #expect(repeated.metadata.resourceVersion == history.metadata.resourceVersion, "the repeat writes nothing")
            #expect(env.timelineWrites(.recorded) == 1)
            #expect(env.timelineWrites(.unchanged) == 1)
        }
    }

    @Test func aPodAlertLandsOnTheHistoryOfTheDeploymentThatOwnsThePod() async throws {
        try await Self.withFixture { env in
            let pods = try await env.deployment("api")
            let pod = try #require(pods.first)
            let other = Self.alert("firing", namespace: env.namespace, target: ["pod": pod], fingerprint: "00000000000000aa", name: "PodCrashLooping")
            let sibling = Self.alert(
                "firing", namespace: env.namespace, target: ["pod": pods.last ?? pod], fingerprint: "00000000000000bb", name: "PodCrashLooping")
            await env.post([other, sibling])
            let history = try #require(try await env.history(ofDeployment: "api"))
            #expect(history.spec.target.kind == "Deployment", "Pod → ReplicaSet → Deployment")
            #expect(Set(history.status?.alerts?.compactMap(\.fingerprint) ?? []) == ["00000000000000aa", "00000000000000bb"])
            #expect(try await env.historyNames() == ["actionhistory.ballast.dev/deployment-api"], "no history for the pod or the ReplicaSet")
            #expect(env.timelineWrites(.recorded) == 1, "two alerts on one target: one write")
        }
    }

    /// A node is cluster-scoped: its history lives in the operator's namespace, as the
    /// reconcilers keep it.
    @Test func aNodeAlertLandsOnTheNodesHistoryInTheOperatorsNamespace() async throws {
        try await Self.withFixture { env in
            let node = "node-\(env.namespace)"
            try await env.cluster.kubectlChecked(["apply", "-f", "-"], input: "apiVersion: v1\nkind: Node\nmetadata: {name: \(node)}\n")
            defer { env.cluster.kubectlInBackground(["delete", "node", node, "--wait=false"]) }
            await env.post([Self.alert("firing", namespace: env.namespace, target: ["node": node], name: "NodeFilesystemAlmostFull")])
            let name = ActionHistory.name(for: TargetReference(apiVersion: "v1", kind: "Node", name: node))
            let output = try await env.cluster.kubectlChecked(["get", "actionhistories.ballast.dev", name, "-n", env.namespace, "-o", "json"])
            let history = try JSONDecoder.kubernetes().decode(ActionHistory.self, from: Data(output.utf8))
            #expect(history.spec.target.kind == "Node" && history.spec.target.namespace == nil)
            #expect(history.status?.alerts?.map(\.name) == ["NodeFilesystemAlmostFull"])
        }
    }

    /// Notifications arriving at once for one target (several receivers, or Alertmanager's
    /// parallel groups) race to create the history and to write it: every change lands once.
    @Test func concurrentNotificationsOnOneTargetAllLand() async throws {
        try await Self.withFixture { env in
            _ = try await env.deployment("web")
            let fingerprints = (0..<6).map { "00000000000000c\($0)" }
            let codes = await withTaskGroup(of: Int.self) { group in
                for fingerprint in fingerprints {
                    let body = Fixture.body([
                        Self.alert("firing", namespace: env.namespace, target: ["deployment": "web"], fingerprint: fingerprint),
                    ])
                    group.addTask { await env.receiver.receive(body: body).status }
                }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(codes == Array(repeating: 200, count: fingerprints.count))
            let alerts = try await env.history(ofDeployment: "web")?.status?.alerts ?? []
            #expect(alerts.compactMap(\.fingerprint).sorted() == fingerprints)
            #expect(env.timelineWrites(.recorded) == fingerprints.count)
        }
    }

    @Test func alertsWithoutAnExistingTargetAreSkippedAndTheRequestsStillRecorded() async throws {
        try await Self.withFixture { env in
            let noLabel = Self.alert("firing", namespace: env.namespace, target: [:], fingerprint: "00000000000000cc")
            let missing = Self.alert("firing", namespace: env.namespace, target: ["deployment": "ghost"], fingerprint: "00000000000000dd")
            await env.post([noLabel, missing])
            #expect(try await env.historyNames().isEmpty)
            #expect(env.timelineWrites(.unresolved) == 2)
            let requests = try await ReceiverCluster(cluster: env.cluster).requests(in: env.namespace)
            #expect(requests.count == 2, "the requests are created as before")
        }
    }

    /// A timeline that cannot be written (the client has no RBAC at all) is counted and logged;
    /// the notification is still answered 200 and its requests created.
    @Test func aFailingTimelineNeverChangesTheAnswer() async throws {
        try await Self.withFixture(timelineKubeconfig: \.lowPrivilegeKubeconfig) { env in
            _ = try await env.deployment("web")
            await env.post([Self.alert("firing", namespace: env.namespace, target: ["deployment": "web"])])
            #expect(env.timelineWrites(.failed) == 1)
            #expect(try await env.history(ofDeployment: "web") == nil)
            #expect(try await ReceiverCluster(cluster: env.cluster).requests(in: env.namespace).count == 1)
        }
    }
}
