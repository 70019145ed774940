import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Synchronization
import Testing
@testable import ControllerRuntime

extension ConfigMap {
    /// A ConfigMap named `name` in `namespace` with `data` and `labels`.
    init(name: String, namespace: String, data: [String: String] = [:], labels: [String: String]? = nil) {
        self.init(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels), data: data)
    }
}

/// The local control plane, a client for it and a fresh namespace for one test.
struct TestEnvironment: Sendable {
    let cluster: LocalCluster
    let client: KubeClient
    let namespace: String

    init(_ prefix: String) async throws {
        cluster = try LocalCluster.current()
        client = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: cluster.adminKubeconfig))
        namespace = try await cluster.makeNamespace(prefix)
    }

    /// Deletes the namespace and closes the client.
    func tearDown() async {
        cluster.deleteNamespace(namespace)
        try? await client.shutdown()
    }

    /// An informer of this namespace's ConfigMaps.
    func configMapInformer(labelSelector: String? = nil) -> Informer<ConfigMap> {
        Informer(client: client, source: .init(.configMaps, namespace: namespace, labelSelector: labelSelector),
                 store: Store(transform: .stripManagedFields))
    }

    @discardableResult
    func createConfigMap(_ name: String, data: [String: String] = [:], labels: [String: String]? = nil) async throws -> ConfigMap {
        try await client.create(ConfigMap(name: name, namespace: namespace, data: data, labels: labels), .configMaps)
    }

    func getConfigMap(_ name: String) async throws -> ConfigMap {
        try await client.get(ConfigMap.self, .configMaps, name: name, namespace: namespace)
    }

    func listConfigMaps() async throws -> [ConfigMap] {
        try await client.list(ConfigMap.self, .configMaps, namespace: namespace).items
    }

    @discardableResult
    func patchData(_ name: String, _ data: [String: String]) async throws -> ConfigMap {
        let body = JSONValue.object(["data": .object(data.mapValues { .string($0) })])
        return try await client.patch(ConfigMap.self, .configMaps, name: name, namespace: namespace, .merge(body))
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes; a throw counts as "not
/// yet" (the API server may be restarting). - Returns: whether it held.
func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if (try? await condition()) == true { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return (try? await condition()) == true
}

/// A counter and log shared between a test and its reconcile closure.
final class Recorder<Entry: Sendable>: Sendable {
    private let entries = Mutex<[Entry]>([])
    func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }
    var all: [Entry] { entries.withLock { $0 } }
    var count: Int { entries.withLock { $0.count } }
}

/// Detects two reconciles of one key running at once.
final class InFlight: Sendable {
    private let state = Mutex<(keys: Set<ObjectKey>, overlaps: Int, peak: Int)>(([], 0, 0))
    func begin(_ key: ObjectKey) {
        state.withLock { state in
            if !state.keys.insert(key).inserted { state.overlaps += 1 }
            state.peak = max(state.peak, state.keys.count)
        }
    }
    func end(_ key: ObjectKey) { state.withLock { _ = $0.keys.remove(key) } }
    var overlaps: Int { state.withLock { $0.overlaps } }
}

/// Runs `controller` in a child task for the duration of `body`, then drains and stops it.
func running<C: RunnableController, T: Sendable>(
    _ controller: C, _ body: () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await controller.run() }
        defer { controller.shutDown() }
        let result = try await body()
        controller.shutDown()
        group.cancelAll()
        try await group.waitForAll()
        return result
    }
}

/// Fault injection: stops kube-apiserver, waits `downtime`, starts it again and waits until it
/// answers. Unlike `LocalCluster.startAPIServer()`, this does not wait for `cluster.sh` to
/// exit: the restarted kube-apiserver inherits the descriptor Foundation's `Process` watches
/// for the child's exit, so that wait never ends (reported to the lead).
func restartAPIServer(_ env: TestEnvironment, downtime: Duration) async throws {
    try launchClusterScript(env.cluster, "stop-apiserver")
    #expect(await eventually(timeout: .seconds(30)) {
        (try? await env.client.list(UnstructuredObject.self, .namespaces, options: ListOptions(limit: 1))) == nil
    })
    try await Task.sleep(for: downtime)
    try launchClusterScript(env.cluster, "start-apiserver")
    #expect(await eventually(timeout: .seconds(90)) {
        (try? await env.client.list(UnstructuredObject.self, .namespaces, options: ListOptions(limit: 1))) != nil
    })
}

private func launchClusterScript(_ cluster: LocalCluster, _ command: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: cluster.script)
    process.arguments = [command]
    var environment = ProcessInfo.processInfo.environment
    environment["BALLAST_CLUSTER_DIR"] = cluster.directory
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
}
