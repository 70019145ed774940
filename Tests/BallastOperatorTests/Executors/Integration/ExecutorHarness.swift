import BallastAPI
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Logging
import Testing

@testable import BallastOperator

/// A real executor against the local control plane, in a fresh namespace.
struct ExecutorHarness {
    let executor: ActionExecutor
    let client: KubeClient
    let cluster: LocalCluster
    let namespace: String

    /// Runs `body` with a harness; shuts the client down and deletes the namespace afterwards.
    static func run(_ prefix: String, _ body: (ExecutorHarness) async throws -> Void) async throws {
        let cluster = try LocalCluster.current()
        let namespace = try await cluster.makeNamespace(prefix)
        defer { cluster.deleteNamespace(namespace) }
        let client = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: cluster.adminKubeconfig))
        let harness = ExecutorHarness(
            executor: ActionExecutor(client: client, logger: Logger(label: "test.executor")), client: client,
            cluster: cluster, namespace: namespace)
        do {
            try await body(harness)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// `kubectl apply` of YAML or JSON into the namespace.
    func apply(_ manifest: String) async throws {
        try await cluster.kubectlChecked(["apply", "-n", namespace, "-f", "-"], input: manifest)
    }

    /// Reads an object of the namespace (or a cluster-scoped one).
    func object(_ resource: ResourceDescriptor, _ name: String) async throws -> UnstructuredObject {
        try await client.get(UnstructuredObject.self, resource, name: name, namespace: resource.namespaced ? namespace : nil)
    }

    /// Reads an object once its controller has settled: `status.observedGeneration` (when
    /// present) has caught up and the resourceVersion holds still for half a second, so a later
    /// resourceVersion comparison measures the executor, not a controller's status writes.
    func settled(_ resource: ResourceDescriptor, _ name: String) async throws -> UnstructuredObject {
        var last = try await object(resource, name)
        try await ExecutorHarness.eventually("\(resource.kind) \(name) settles") {
            try await Task.sleep(for: .milliseconds(500))
            let now = try await object(resource, name)
            defer { last = now }
            let observed = now.at("status", "observedGeneration")?.intValue
            return now.metadata.resourceVersion == last.metadata.resourceVersion
                && (observed == nil || observed == now.metadata.generation)
        }
        return last
    }

    /// Why ``eventually(timeout:_:_:)`` gave up.
    struct TimedOut: Error, CustomStringConvertible {
        let description: String
    }

    /// Checks `condition` every 100 ms until it holds; throws ``TimedOut`` naming `what` when
    /// `timeout` passes first.
    static func eventually(
        timeout: Duration = .seconds(30), _ what: String, _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                throw TimedOut(description: "timed out after \(timeout) waiting for: \(what)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Executes an action on `kind`/`name` in the namespace.
    func execute(
        _ action: ActionName, on kind: String, _ name: String, apiVersion: String = "apps/v1",
        parameters: [String: JSONValue] = [:], actionId: String = "action-1", dryRun: Bool = false,
        limits: [String: JSONValue] = [:], clusterScoped: Bool = false
    ) async -> ExecutionOutcome {
        await executor.execute(
            action: action, parameters: parameters,
            target: TargetReference(apiVersion: apiVersion, kind: kind, namespace: clusterScoped ? nil : namespace, name: name),
            actionId: actionId, dryRun: dryRun, limits: limits)
    }

    /// A Deployment `name` with one container `app` running `image`, 512Mi limit, 256Mi request.
    func deployment(_ name: String, image: String = "registry.local/web:v1", replicas: Int = 2) async throws {
        try await apply("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: \(name)}
            spec:
              replicas: \(replicas)
              selector: {matchLabels: {app: \(name)}}
              template:
                metadata: {labels: {app: \(name)}}
                spec:
                  containers:
                  - name: app
                    image: \(image)
                    resources: {limits: {memory: 512Mi}, requests: {memory: 256Mi}}
            """)
    }

    /// Writes `pods/status` Running and Ready, as a kubelet would.
    func markRunningAndReady(_ pod: String) async throws {
        let now = Date().formatted(.iso8601)
        try await client.patchStatus(
            UnstructuredObject.self, .pods, name: pod, namespace: namespace,
            .merge([
                "status": [
                    "phase": "Running",
                    "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": .string(now)]],
                ],
            ]))
    }
}

extension ExecutionOutcome.Result {
    /// The refusal reason, if refused.
    var refusalReason: RefusalReason? {
        if case .refused(let refusal) = self { return refusal.reason }
        return nil
    }
}

extension UnstructuredObject {
    /// The field at `path` below the top level.
    func at(_ path: String...) -> JSONValue? {
        guard let first = path.first else { return nil }
        return self[first]?.value(at: Array(path.dropFirst()))
    }
}
