import BallastAPI
import BallastCore
import BallastDecision
import ClusterTestSupport
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Logging
import Prometheus
import Testing
@testable import BallastOperator

/// A RemediationRequest reconciler running in-process against the local control plane: the
/// real client, informers, executor, decision engine (rules only) and ledger, scoped to a fresh
/// namespace labelled `ballast-test=<namespace>` (policies created here select only it).
struct RemediationHarness: Sendable {
    let cluster: LocalCluster
    let namespace: String
    let client: KubeClient
    let env: OperatorEnvironment
    let reconciler: RemediationReconciler

    /// Lifecycle settings with short waits, so tests do not sleep for minutes.
    static let quickLifecycle = LifecycleSettings(verificationWindow: 2, verificationPoll: 1, recheckInterval: 5, retryBackoff: 1)

    /// Runs `body` with the informers running; tears everything down afterwards.
    /// - Parameter controllerWorkers: run the real controller with this many workers (it runs
    ///   the requests and namespaces informers); `nil`: tests call ``reconcile(_:)`` themselves.
    static func run(
        _ prefix: String, lifecycle: LifecycleSettings = quickLifecycle, faultPoint: FaultPoint = .disarmed,
        controllerWorkers: Int? = nil, _ body: (RemediationHarness) async throws -> Void
    ) async throws {
        let cluster = try await ReceiverCluster.prepared().cluster
        let namespace = try await cluster.makeNamespace(prefix)
        defer {
            cluster.kubectlInBackground(["delete", "safetypolicies.ballast.dev", "-l", "ballast-test=\(namespace)", "--wait=false"])
            cluster.deleteNamespace(namespace)
        }
        try await cluster.kubectlChecked(["label", "namespace", namespace, "ballast-test=\(namespace)"])
        let client = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: cluster.adminKubeconfig))
        let logger = Logger(label: "test.remediation")
        let informers = OperatorInformers.namespaced(namespace, client: client, logger: logger)
        let env = OperatorEnvironment(
            client: client, informers: informers, events: EventRecorder(client: client, component: "ballast"),
            metrics: BallastMetrics(registry: PrometheusCollectorRegistry()), scope: NamespaceScope([namespace]),
            operatorNamespace: namespace, logger: logger)
        let engine = DecisionEngine(configuration: DecisionEngineConfiguration(
            providers: [], catalog: CoreDecisionCatalog(), rules: CoreRulesDecider(), cacheTTL: .zero))
        let executor = ActionExecutor(client: client, logger: logger)
        let settings = RemediationSettings(operatorNamespace: namespace, lifecycle: lifecycle, faultPoint: faultPoint)
        let reconciler = RemediationReconciler(env: env, decisionEngine: engine, executor: executor, settings: settings)
        let harness = RemediationHarness(cluster: cluster, namespace: namespace, client: client, env: env, reconciler: reconciler)
        let controller = controllerWorkers.map {
            RemediationController.make(env: env, decisionEngine: engine, executor: executor, settings: settings, workers: $0)
        }
        do {
            try await harness.withInformers(controller: controller) { try await body(harness) }
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Runs the four informers (two of them through `controller`, when given) while `body` runs.
    private func withInformers(controller: Controller<RemediationRequest>?, _ body: () async throws -> Void) async throws {
        let informers = env.informers
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await informers.histories.run() }
            group.addTask { await informers.policies.run() }
            if let controller {
                group.addTask { await controller.run() }
            } else {
                group.addTask { await informers.requests.run() }
                group.addTask { await informers.namespaces.run() }
            }
            defer {
                controller?.shutDown()
                group.cancelAll()
            }
            await informers.requests.store.waitUntilSynced()
            await informers.namespaces.store.waitUntilSynced()
            try await Self.eventually("namespace \(namespace) labelled in the cache") {
                informers.namespaceLabels(namespace)?["ballast-test"] == namespace
            }
            try await body()
        }
    }

    // MARK: Objects

    /// The executors' test harness over the same namespace (its object helpers).
    var objects: ExecutorHarness {
        ExecutorHarness(executor: reconciler.executor, client: client, cluster: cluster, namespace: namespace)
    }

    /// A Deployment `name` with container `app` (512Mi limit) and `replicas` replicas.
    func deployment(_ name: String = "web", replicas: Int = 2) async throws {
        try await objects.deployment(name, replicas: replicas)
    }

    /// Deployment `name` once its controllers stopped writing it, so that a later
    /// resourceVersion comparison measures the reconciler alone.
    func settledDeployment(_ name: String = "web") async throws -> UnstructuredObject {
        try await objects.settled(.deployments, name)
    }

    /// A policy enforcing scale (at most 10 replicas) and restart of Deployments, for requested actions.
    static let enforce = SafetyPolicySpec(
        mode: .enforce, minConfidence: 0.5,
        actions: [ActionPolicy(name: .scaleDeployment, limits: ["maxReplicas": 10]), ActionPolicy(name: .restartDeployment)])

    /// Deployment `web` with `replicas` replicas under the ``enforce`` policy.
    func enforcedDeployment(replicas: Int = 2) async throws {
        try await deployment(replicas: replicas)
        try await policy("enforce", Self.enforce)
    }

    /// The live Deployment `name`.
    func liveDeployment(_ name: String = "web") async throws -> UnstructuredObject {
        try await client.get(UnstructuredObject.self, .deployments, name: name, namespace: namespace)
    }

    /// The Deployment `name` as a target reference (uid included once resolved).
    func target(_ name: String = "web", uid: String? = nil) -> TargetReference {
        TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: name, uid: uid)
    }

    /// Creates a SafetyPolicy selecting only this namespace and waits for the cache to hold it.
    @discardableResult
    func policy(_ name: String, _ spec: SafetyPolicySpec) async throws -> SafetyPolicy {
        var spec = spec
        spec.namespaceSelector = LabelSelector(matchLabels: ["ballast-test": namespace])
        let policy = SafetyPolicy(metadata: ObjectMeta(name: "\(namespace)-\(name)", labels: ["ballast-test": namespace]), spec: spec)
        let created = try await client.create(policy, .safetyPolicies)
        try await awaitPolicyCache(created)
        return created
    }

    /// Replaces a policy's spec and waits for the cache to hold the change.
    func update(_ policy: SafetyPolicy, _ change: (inout SafetyPolicySpec) -> Void) async throws -> SafetyPolicy {
        var latest = try await client.get(SafetyPolicy.self, .safetyPolicies, name: policy.metadata.name ?? "")
        change(&latest.spec)
        let updated = try await client.update(latest, .safetyPolicies)
        try await awaitPolicyCache(updated)
        return updated
    }

    /// Waits until the cache holds the live version of `policy` (re-read on every poll, like
    /// `awaitRequestCache`, in case a status write supersedes the version just written).
    private func awaitPolicyCache(_ policy: SafetyPolicy) async throws {
        let store = env.informers.policies.store
        let name = policy.metadata.name ?? ""
        try await Self.eventually("SafetyPolicy \(name) in the cache at its live resourceVersion") {
            let live = try await client.get(SafetyPolicy.self, .safetyPolicies, name: name)
            return store.get(ObjectKey(namespace: nil, name: name))?.metadata.resourceVersion == live.metadata.resourceVersion
        }
    }

    /// Creates a request and waits for the cache to hold it.
    @discardableResult
    func request(_ name: String, _ spec: RemediationRequestSpec) async throws -> RemediationRequest {
        let created = try await client.create(
            RemediationRequest(metadata: ObjectMeta(name: name, namespace: namespace), spec: spec), .remediationRequests)
        try await awaitRequestCache(name)
        return created
    }

    /// A manual request for `action` on Deployment `target` (optionally with an alert too).
    func manual(
        _ action: ActionName, _ parameters: [String: JSONValue] = [:], mode: RequestMode? = nil, alert: AlertInfo? = nil,
        target: String = "web"
    ) -> RemediationRequestSpec {
        RemediationRequestSpec(
            alert: alert, target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", name: target), mode: mode,
            action: RequestedAction(name: action, parameters: parameters))
    }

    /// The live request.
    func live(_ name: String) async throws -> RemediationRequest {
        try await client.get(RemediationRequest.self, .remediationRequests, name: name, namespace: namespace)
    }

    /// Waits until the cache holds the live version of request `name`.
    ///
    /// The live copy is re-read on every poll: with the controller running, a status write
    /// can land between one read and the cache catching up, and the cache then never shows
    /// the superseded version.
    func awaitRequestCache(_ name: String) async throws {
        let store = env.informers.requests.store
        let key = ObjectKey(namespace: namespace, name: name)
        try await Self.eventually("request \(name) in the cache at its live resourceVersion") {
            let live = try await live(name)
            return store.get(key)?.metadata.resourceVersion == live.metadata.resourceVersion
        }
    }

    /// One reconcile of request `name`, once the cache caught up with the API server.
    @discardableResult
    func reconcile(_ name: String) async throws -> ReconcileResult {
        try await awaitRequestCache(name)
        return try await reconciler.reconcile(ObjectKey(namespace: namespace, name: name))
    }

    /// The live ActionHistory of Deployment `name` (`nil` when there is none).
    func history(_ name: String = "web") async throws -> ActionHistory? {
        try await reconciler.ledger.history(of: target(name))
    }

    /// Reasons of the Events about request `name`, oldest first (Event names end in the hex
    /// nanoseconds of their creation; the API server keeps timestamps to the second only).
    func eventReasons(_ name: String) async throws -> [String] {
        try await client.list(Event.self, .events, namespace: namespace).items
            .filter { $0.involvedObject.kind == "RemediationRequest" && $0.involvedObject.name == name }
            .sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
            .compactMap(\.reason)
    }

    /// Checks `condition` every 50 ms for up to `timeout`; throws naming `what` when it never holds.
    static func eventually(
        timeout: Duration = .seconds(30), _ what: String, _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw ExecutorHarness.TimedOut(description: "timed out after \(timeout) waiting for: \(what)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

extension RemediationRequest {
    /// The condition of `type`.
    func condition(_ type: String) -> Condition? { status?.conditions?.condition(type) }
}
