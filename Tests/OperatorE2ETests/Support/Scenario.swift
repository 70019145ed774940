import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Synchronization
import Testing

/// One end-to-end test's world: the local control plane with Ballast's CRDs, an admin client,
/// a fresh namespace labelled `ballast-e2e=<namespace>` (so the test's SafetyPolicy selects
/// only it), the operator processes the test started and the fake kubelet.
///
/// ``run(_:_:)`` tears everything down whatever happens: operators stopped, the kubelet
/// cancelled, the policy and the namespace deleted, the client shut down. A thrown failure
/// carries the tail of every operator's log.
final class Scenario: Sendable {
    let cluster: LocalCluster
    let client: KubeClient
    let namespace: String
    private let operators = Mutex<[OperatorProcess]>([])
    private let kubelets = Mutex<[Task<Void, any Error>]>([])

    /// The label key the test's namespace carries and its SafetyPolicy selects on.
    static let namespaceLabel = "ballast-e2e"

    private init(cluster: LocalCluster, client: KubeClient, namespace: String) {
        self.cluster = cluster
        self.client = client
        self.namespace = namespace
    }

    /// The CRDs applied and Established, once per test process.
    private static let installation = Task<LocalCluster, any Error> {
        let cluster = try LocalCluster.current()
        try await cluster.applyShared(["-f", OperatorProcess.packageRoot.appendingPathComponent("crds").path])
        try await cluster.kubectlChecked([
            "wait", "--for=condition=Established", "--timeout=60s",
            "crd/remediationrequests.ballast.dev", "crd/actionhistories.ballast.dev", "crd/safetypolicies.ballast.dev",
        ])
        return cluster
    }

    /// Runs `body` in a fresh scenario named after `prefix`, then tears it down.
    static func run(_ prefix: String, _ body: (Scenario) async throws -> Void) async throws {
        let cluster = try await installation.value
        let namespace = try await cluster.makeNamespace(prefix)
        try await cluster.kubectlChecked(["label", "namespace", namespace, "\(namespaceLabel)=\(namespace)"])
        let client = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: cluster.adminKubeconfig))
        let scenario = Scenario(cluster: cluster, client: client, namespace: namespace)
        var failure: (any Error)?
        do {
            try await body(scenario)
        } catch {
            failure = ScenarioFailure(underlying: error, logs: scenario.operatorLogs())
        }
        await scenario.tearDown()
        if let failure { throw failure }
    }

    /// Starts an operator acting in this namespace (with the admin kubeconfig), adjusted by
    /// `configure`; it is stopped at the end of the scenario.
    func startOperator(
        _ configure: (inout OperatorProcess.Configuration) -> Void = { _ in }
    ) async throws -> OperatorProcess {
        var configuration = OperatorProcess.Configuration(kubeconfig: cluster.adminKubeconfig, namespace: namespace)
        configure(&configuration)
        let process = try await OperatorProcess.start(configuration)
        operators.withLock { $0.append(process) }
        return process
    }

    /// Runs `kubelet` in the background until the scenario ends.
    func startKubelet(_ kubelet: FakeKubelet) {
        let task = Task { try await kubelet.run(client: client, namespace: namespace) }
        kubelets.withLock { $0.append(task) }
    }

    /// Polls `probe` every 200 ms until it returns a value; throws ``TimedOut`` naming `what`
    /// and what `lastSeen` last held after `timeout` (``run(_:_:)`` adds the operators' logs).
    @discardableResult
    func eventually<T: Sendable>(
        _ what: String, timeout: Duration = .seconds(30), lastSeen: LastSeen<String>? = nil,
        _ probe: () async throws -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        var lastError: (any Error)?
        while true {
            do {
                if let value = try await probe() { return value }
            } catch {
                lastError = error
            }
            guard ContinuousClock.now < deadline else {
                throw TimedOut(
                    what: what, timeout: timeout, lastSeen: lastSeen?.current, lastError: lastError.map { "\($0)" })
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// `kubectl apply -f -` of YAML or JSON into the namespace.
    func apply(_ manifest: String) async throws {
        try await cluster.kubectlChecked(["apply", "-n", namespace, "-f", "-"], input: manifest)
    }

    /// The tail of every operator's log, labelled by port.
    func operatorLogs() -> String {
        operators.withLock { processes in
            processes.map { "--- operator on receiver port \($0.ports.receiver) (\($0.logFile)):\n\($0.logTail())" }
                .joined(separator: "\n")
        }
    }

    private func tearDown() async {
        for task in kubelets.withLock({ $0 }) { task.cancel() }
        for process in operators.withLock({ $0 }) { await process.stop() }
        _ = try? await cluster.kubectl(["delete", "safetypolicies.ballast.dev", policyName, "--ignore-not-found", "--wait=false"])
        cluster.deleteNamespace(namespace)
        try? await client.shutdown()
    }
}

/// A condition that did not hold in time.
struct TimedOut: Error, CustomStringConvertible {
    let what: String
    let timeout: Duration
    let lastSeen: String?
    let lastError: String?
    var description: String {
        "timed out after \(timeout) waiting for \(what)" + (lastSeen.map { "; last seen: \($0)" } ?? "")
            + (lastError.map { "; last error: \($0)" } ?? "")
    }
}

/// A scenario's failure with the operators' logs attached.
struct ScenarioFailure: Error, CustomStringConvertible {
    let underlying: any Error
    let logs: String
    var description: String { "\(underlying)\n\(logs)" }
}
