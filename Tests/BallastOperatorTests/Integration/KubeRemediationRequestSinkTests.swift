import BallastAPI
import Foundation
import KubeClient
import KubeTypes
import Prometheus
import Testing
@testable import BallastOperator

/// The KubeClient-backed sink against the real API server: objects, labels and status as stored.
@Suite struct KubeRemediationRequestSinkTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let base = "kubepodoomkilled-7f3a9c0d1e2b3a4c"

    static func firing(_ namespace: String, fingerprint: String = "7f3a9c0d1e2b3a4c") -> FiringAlert {
        let alert = AlertmanagerAlert(
            status: .firing,
            labels: ["alertname": "KubePodOOMKilled", "namespace": namespace, "severity": "warning", "deployment": "web"],
            annotations: ["summary": "web OOMKilled"], startsAt: now.addingTimeInterval(-300), fingerprint: fingerprint)
        guard case .firing(let firing) = AlertRequestMapping(namespacePolicy: .alertNamespace(fallback: "default"))
            .map(alert, receivedAt: now)
        else { preconditionFailure("a firing alert maps to .firing") }
        return firing
    }

    @Test func createsThenDeduplicatesThenStartsAgainAfterCompletion() async throws {
        let env = try await ReceiverCluster.prepared()
        let namespace = try await env.cluster.makeNamespace("rcv-sink")
        defer { env.cluster.deleteNamespace(namespace) }
        let key = ObjectKey(namespace: namespace, name: Self.base)

        #expect(try await env.withSink { try await $0.createOrDeduplicate(Self.firing(namespace)) } == .created(key))
        let created = try #require(try await env.requests(in: namespace).first)
        #expect(created.metadata.labels?["ballast.dev/fingerprint"] == "7f3a9c0d1e2b3a4c")
        #expect(created.metadata.labels?["ballast.dev/source"] == "alertmanager")
        #expect(created.spec.alert?.fingerprint == "7f3a9c0d1e2b3a4c")
        #expect(created.spec.alert?.source == "alertmanager")
        #expect(created.spec.alert?.severity == .warning)
        #expect(created.spec.alert?.annotations == ["summary": "web OOMKilled"])

        let repeats = try await env.withSink { sink in
            [try await sink.createOrDeduplicate(Self.firing(namespace)), try await sink.createOrDeduplicate(Self.firing(namespace))]
        }
        #expect(repeats == [.deduplicated(key, count: 1), .deduplicated(key, count: 2)])
        let stored = try await env.requests(in: namespace)
        #expect(stored.count == 1)
        #expect(stored.first?.status?.deduplication == DeduplicationStatus(count: 2, lastSeen: Self.now))

        try await env.setPhase(.completed, name: Self.base, namespace: namespace)
        let again = try await env.withSink { try await $0.createOrDeduplicate(Self.firing(namespace)) }
        #expect(again == .created(ObjectKey(namespace: namespace, name: Self.base + "-2")))
        #expect(try await env.requests(in: namespace).map { $0.metadata.name ?? "" } == [Self.base, Self.base + "-2"])
    }

    @Test func resolutionMarksTheFingerprintsRequestsOnceAndOnlyThem() async throws {
        let env = try await ReceiverCluster.prepared()
        let namespace = try await env.cluster.makeNamespace("rcv-resolve")
        defer { env.cluster.deleteNamespace(namespace) }
        let resolvedAt = Self.now.addingTimeInterval(60)
        let resolved = ResolvedAlert(
            namespace: namespace, fingerprint: "7f3a9c0d1e2b3a4c", alertName: "KubePodOOMKilled",
            startsAt: Self.now, resolvedAt: resolvedAt)
        let (first, second) = try await env.withSink { sink in
            _ = try await sink.createOrDeduplicate(Self.firing(namespace))
            _ = try await sink.createOrDeduplicate(Self.firing(namespace, fingerprint: "00000000000000ff"))
            return (try await sink.markResolved(resolved), try await sink.markResolved(resolved))
        }
        #expect(first == [ObjectKey(namespace: namespace, name: Self.base)])
        #expect(second.isEmpty, "already recorded")
        let stored = try await env.requests(in: namespace)
        #expect(stored.map(\.status?.verification) == [nil, VerificationStatus(alertResolved: true, resolvedAt: resolvedAt)],
                "only the resolved fingerprint's request (names sort kubepodoomkilled-00…ff first)")
    }

    @Test func concurrentReceiversCreateExactlyOneRequestAndLoseNoIncrement() async throws {
        let env = try await ReceiverCluster.prepared()
        let namespace = try await env.cluster.makeNamespace("rcv-race")
        defer { env.cluster.deleteNamespace(namespace) }
        let alert = Self.firing(namespace)
        let outcomes = try await env.withSink { sink in
            try await withThrowingTaskGroup(of: FiringOutcome.self) { group in
                for _ in 0..<6 { group.addTask { try await sink.createOrDeduplicate(alert) } }
                return try await group.reduce(into: [FiringOutcome]()) { $0.append($1) }
            }
        }
        #expect(outcomes.filter { if case .created = $0 { true } else { false } }.count == 1)
        let stored = try await env.requests(in: namespace)
        #expect(stored.count == 1)
        #expect(stored.first?.status?.deduplication?.count == 5)
    }

    @Test func aMissingNamespaceIsAPermanentRejection() async throws {
        let env = try await ReceiverCluster.prepared()
        // The namespace does not exist: the API server refuses the create (404) however often it
        // is retried, so the sink says the alert is rejected rather than failing transiently.
        await #expect(throws: AlertRejected.self) {
            try await env.withSink { try await $0.createOrDeduplicate(Self.firing("rcv-no-such-namespace")) }
        }
    }

    @Test(arguments: [
        (KubeError.Code.invalid, true), (.badRequest, true), (.notFound, false), (.forbidden, false),
        (.conflict, false), (.tooManyRequests, false), (.timeout, false), (.serverError, false), (.transport, false),
        (.unauthorized, false),
    ])
    func onlyAnswersARetryCannotChangeArePermanent(code: KubeError.Code, permanent: Bool) {
        #expect(KubeRemediationRequestSink.isPermanent(KubeError(code: code, message: "m")) == permanent)
    }

    /// A 404 or 403 is about this alert only when the API server says it is about its namespace;
    /// a missing CRD or RBAC rule fails every alert and is retried until an admin fixes it.
    @Test func onlyTheAlertsNamespaceMakesA404OrA403Permanent() {
        let namespaceMissing = KubeError(
            code: .notFound, message: "namespaces \"gone\" not found",
            status: Status(reason: "NotFound", details: StatusDetails(name: "gone", kind: "namespaces"), code: 404))
        let resourceMissing = KubeError(
            code: .notFound, message: "the server could not find the requested resource", status: Status(reason: "NotFound", code: 404))
        let terminating = KubeError(
            code: .forbidden, message: "unable to create new content in namespace shop because it is being terminated",
            status: Status(reason: "Forbidden", details: StatusDetails(causes: [StatusCause(reason: "NamespaceTerminating", field: "metadata.namespace")]), code: 403))
        let rbac = KubeError(
            code: .forbidden, message: "remediationrequests.ballast.dev is forbidden: User \"system:serviceaccount:x:y\" cannot create resource",
            status: Status(reason: "Forbidden", code: 403))
        #expect(KubeRemediationRequestSink.isPermanent(namespaceMissing))
        #expect(!KubeRemediationRequestSink.isPermanent(resourceMissing))
        #expect(KubeRemediationRequestSink.isPermanent(terminating))
        #expect(!KubeRemediationRequestSink.isPermanent(rbac))
    }

    /// The receiver in front of the real API server: one alert of a notification targets a
    /// namespace that does not exist; the others are created, the answer is 200 (Alertmanager
    /// does not retry), and the bad one is named and counted.
    @Test func aNotificationWithAnAlertForAMissingNamespaceRecordsTheOthersAndAnswers200() async throws {
        let env = try await ReceiverCluster.prepared()
        let namespace = try await env.cluster.makeNamespace("rcv-partial")
        defer { env.cluster.deleteNamespace(namespace) }
        let metrics = BallastMetrics(registry: PrometheusCollectorRegistry())
        let body = Payloads.firing([
            Payloads.alert(namespace: namespace, fingerprint: "0a"),
            Payloads.alert(namespace: "rcv-no-such-namespace", fingerprint: "0b"),
            Payloads.alert(namespace: namespace, fingerprint: "0c"),
        ])
        let reply = try await env.withSink { sink in
            await AlertReceiver(
                sink: sink, configuration: .init(namespacePolicy: .alertNamespace(fallback: namespace)), metrics: metrics
            ).receive(body: body)
        }
        #expect(reply.status == 200)
        #expect(reply.message.hasPrefix(
            "created 2, deduplicated 0, resolved 0, unmatched 0, rejected 1; alerts[1] (fingerprint 0b): "), "\(reply.message)")
        #expect(reply.message.contains("rcv-no-such-namespace"), "\(reply.message)")
        let stored = try await env.requests(in: namespace)
        #expect(stored.compactMap(\.spec.alert?.fingerprint).sorted() == ["0a", "0c"])
        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(text.contains(#"ballast_receiver_alerts_total{status="firing",result="rejected"} 1"#))
        #expect(text.contains(#"ballast_receiver_alerts_total{status="firing",result="created"} 2"#))
    }
}
