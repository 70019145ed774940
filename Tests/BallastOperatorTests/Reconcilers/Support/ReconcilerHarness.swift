import BallastAPI
import ClusterTestSupport
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Logging
import Prometheus
import Testing
@testable import BallastOperator

/// The operator environment on the local control plane, confined to one fresh namespace so that
/// tests running in parallel never see each other's objects: the request and history caches
/// watch only the namespace, the policy cache only policies labelled with it
/// (``policyLabel``), and the operator's scope is the namespace.
struct ReconcilerHarness {
    /// The label every test policy carries, valued with the test's namespace.
    static let policyLabel = "ballast-test"

    let cluster: LocalCluster
    let client: KubeClient
    let env: OperatorEnvironment
    let namespace: String

    /// Runs `body` in a fresh namespace (labelled `ballast-test=<namespace>`, so policies can
    /// select it); deletes the namespace and this test's policies, and shuts the client down, after.
    static func run(_ prefix: String, _ body: (ReconcilerHarness) async throws -> Void) async throws {
        let cluster = try await ReceiverCluster.prepared().cluster
        for crd in ["actionhistories", "safetypolicies"] {
            try await cluster.kubectlChecked(["wait", "--for=condition=Established", "--timeout=60s", "crd/\(crd).ballast.dev"])
        }
        let namespace = try await cluster.makeNamespace(prefix)
        try await cluster.kubectlChecked(["label", "namespace", namespace, "\(policyLabel)=\(namespace)"])
        defer {
            cluster.deleteNamespace(namespace)
            cluster.kubectlInBackground(["delete", "safetypolicies.ballast.dev", "-l", "\(policyLabel)=\(namespace)", "--wait=false"])
        }
        let client = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: cluster.adminKubeconfig))
        let logger = Logger(label: "test.reconcilers")
        var informers = OperatorInformers.namespaced(namespace, client: client, logger: logger)
        informers.policies = Informer(
            client: client, source: .init(.safetyPolicies, labelSelector: "\(policyLabel)=\(namespace)"),
            store: Store(transform: .stripManagedFields), logger: logger)
        let env = OperatorEnvironment(
            client: client, informers: informers, events: EventRecorder(client: client, component: "ballast"),
            metrics: BallastMetrics(registry: PrometheusCollectorRegistry()), scope: NamespaceScope([namespace]),
            logger: logger)
        let harness = ReconcilerHarness(cluster: cluster, client: client, env: env, namespace: namespace)
        do {
            try await body(harness)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Runs `controller` and the informers it only reads (`readOnly`) while `body` runs, then
    /// cancels them.
    func running<Object: KubernetesObject>(
        _ controller: Controller<Object>, reading readOnly: [@Sendable () async -> Void],
        _ body: () async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await controller.run() }
            for run in readOnly { group.addTask { await run() } }
            defer { group.cancelAll() }
            try await body()
        }
    }

    /// Creates `object` in the namespace (or cluster-wide for a policy) and returns it as stored.
    @discardableResult
    func create<T: KubernetesObject>(_ object: T, _ resource: ResourceDescriptor) async throws -> T {
        try await client.create(object, resource, namespace: resource.namespaced ? namespace : nil)
    }

    /// A SafetyPolicy covering only this test's namespace, labelled so the test's cache sees it.
    func policy(_ name: String, _ spec: SafetyPolicySpec) -> SafetyPolicy {
        var spec = spec
        spec.namespaceSelector = LabelSelector(matchLabels: [Self.policyLabel: namespace])
        return SafetyPolicy(
            metadata: ObjectMeta(name: "\(name)-\(namespace)", labels: [Self.policyLabel: namespace]), spec: spec)
    }

    /// The ActionHistory for ``ReconcilerFixture/web`` in the namespace, created with `entries`
    /// in its status and the given retention and analysis overrides.
    func history(
        _ entries: [ActionEntry], retention: RetentionSettings? = nil, analysis: OscillationSettings? = nil
    ) async throws -> ActionHistory {
        var target = ReconcilerFixture.web
        target.namespace = namespace
        let created = try await create(
            ActionHistory(
                metadata: ObjectMeta(name: ActionHistory.name(for: target), namespace: namespace),
                spec: ActionHistorySpec(target: target, retention: retention, analysis: analysis)),
            .actionHistories)
        // Seeded like any writer: on a conflict, read again and rewrite (the status this test
        // seeds replaces whatever was there).
        var current = created
        for _ in 1..<5 {
            current.status = ActionHistoryStatus(entries: entries)
            let written: ActionHistory
            do throws(any Error) {
                written = try await client.updateStatus(current, .actionHistories)
            } catch {
                guard (error as? KubeError)?.code == .conflict else { throw error }
                current = try await client.get(
                    ActionHistory.self, .actionHistories, name: created.metadata.name ?? "", namespace: namespace)
                continue
            }
            return written
        }
        current.status = ActionHistoryStatus(entries: entries)
        return try await client.updateStatus(current, .actionHistories)
    }

    /// The Events recorded about the object named `name` (in `namespace`, `default` for
    /// cluster-scoped objects), oldest first.
    func events(about name: String, namespace: String? = nil) async throws -> [Event] {
        try await client.list(Event.self, .events, namespace: namespace ?? self.namespace).items
            .filter { $0.involvedObject.name == name }
            .sorted { ($0.firstTimestamp ?? .distantPast) < ($1.firstTimestamp ?? .distantPast) }
    }

    /// Polls `read` every 20 ms until `condition` holds on its result; returns it. Throws
    /// naming `what` after `timeout`.
    @discardableResult
    func eventually<T>(
        _ what: String, timeout: Duration = .seconds(30), read: () async throws -> T, until condition: (T) -> Bool
    ) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while true {
            let value = try await read()
            if condition(value) { return value }
            guard ContinuousClock.now < deadline else {
                throw ExecutorHarness.TimedOut(description: "timed out after \(timeout) waiting for: \(what); last: \(value)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
