import ArgumentParser
import BallastAPI
import BallastOperator
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Logging
import Prometheus
import Synchronization

/// `ballast-bench policy`: emergency-stop confirmation latency on the local control plane — from
/// the PATCH of `spec.emergencyStop.enabled` to a watch delivering `status.emergencyStop.active`
/// with the new `observedGeneration`, as `kubectl ballast stop` waits for it. The reference, in
/// the same run, is the physical floor: the same PATCH until the watch delivers the spec change.
struct PolicyBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "SafetyPolicy: emergency stop spec-to-status confirmation latency (p50/p99).")

    @Option(help: "Flips of spec.emergencyStop.enabled measured.")
    var flips = 20
    @Option(help: "Kubeconfig of the cluster (default: $BALLAST_TEST_KUBECONFIG).")
    var kubeconfig: String?

    /// When the observer first saw each generation, and its confirmation in status.
    private struct Sightings: Sendable {
        var spec: [Int64: ContinuousClock.Instant] = [:]
        var confirmed: [Int64: ContinuousClock.Instant] = [:]
    }

    func run() async throws {
        guard let path = kubeconfig ?? ProcessInfo.processInfo.environment["BALLAST_TEST_KUBECONFIG"] else {
            throw ValidationError("no --kubeconfig and no BALLAST_TEST_KUBECONFIG: start hack/cluster.sh first")
        }
        let client = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: path))
        let label = "ballast-bench-policy"
        let name = "bench-stop-\(UInt32.random(in: 0...UInt32.max))"
        let logger = Logger(label: "bench.policy")
        var informers = OperatorInformers(client: client, logger: logger)
        informers.policies = Informer(
            client: client, source: .init(.safetyPolicies, labelSelector: "\(label)=\(name)"),
            store: Store(transform: .stripManagedFields), logger: logger)
        let env = OperatorEnvironment(
            client: client, informers: informers, events: EventRecorder(client: client, component: "ballast-bench"),
            metrics: BallastMetrics(registry: PrometheusCollectorRegistry()), logger: logger)
        // The policy selects a namespace label nobody has: its stop affects nothing.
        _ = try await client.create(
            SafetyPolicy(
                metadata: ObjectMeta(name: name, labels: [label: name]),
                spec: SafetyPolicySpec(namespaceSelector: LabelSelector(matchLabels: [label: name]))),
            .safetyPolicies)
        let observer = Informer<SafetyPolicy>(
            client: client, source: .init(.safetyPolicies, fieldSelector: "metadata.name=\(name)"), logger: logger)
        let sightings = Mutex(Sightings())
        observer.addHandler { change in
            let policy = change.object
            guard let generation = policy.metadata.generation else { return }
            let now = ContinuousClock.now
            let enabled = policy.spec.emergencyStop?.enabled ?? false
            sightings.withLock { seen in
                if seen.spec[generation] == nil { seen.spec[generation] = now }
                if policy.status?.observedGeneration == generation, policy.status?.emergencyStop?.active == enabled,
                    seen.confirmed[generation] == nil
                {
                    seen.confirmed[generation] = now
                }
            }
        }
        let controller = PolicyController.make(env: env)
        var confirmations: [Duration] = []
        var references: [Duration] = []
        let runs: [@Sendable () async -> Void] = [
            controller.run, observer.run, informers.requests.run, informers.histories.run, informers.namespaces.run,
        ]
        await withTaskGroup(of: Void.self) { group in
            for run in runs {
                group.addTask { await run() }
            }
            await observer.store.waitUntilSynced()
            for flip in 0..<flips {
                let enabled = flip % 2 == 0
                let started = ContinuousClock.now
                let patch: JSONValue = ["spec": ["emergencyStop": ["enabled": .bool(enabled), "reason": "benchmark", "by": "ballast-bench"]]]
                guard let patched = try? await client.patch(SafetyPolicy.self, .safetyPolicies, name: name, .merge(patch)),
                    let generation = patched.metadata.generation
                else { continue }
                let deadline = started + .seconds(10)
                while ContinuousClock.now < deadline {
                    let seen = sightings.withLock { ($0.spec[generation], $0.confirmed[generation]) }
                    if let spec = seen.0, let confirmed = seen.1 {
                        references.append(spec - started)
                        confirmations.append(confirmed - started)
                        break
                    }
                    try? await Task.sleep(for: .microseconds(200))
                }
            }
            controller.shutDown()
            group.cancelAll()
        }
        _ = try? await client.delete(.safetyPolicies, name: name)
        try await client.shutdown()
        report(confirmations: confirmations, references: references)
    }

    private func report(confirmations: [Duration], references: [Duration]) {
        print("## emergency stop: spec PATCH to status.emergencyStop.active observed by a watch (\(confirmations.count) of \(flips) flips)")
        guard !confirmations.isEmpty else {
            print("no confirmation observed")
            return
        }
        let confirmed = confirmations.map(\.milliseconds).sorted()
        let floor = references.map(\.milliseconds).sorted()
        func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
            sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
        }
        for (label, fraction) in [("p50", 0.5), ("p99", 0.99)] {
            let value = percentile(confirmed, fraction)
            let reference = percentile(floor, fraction)
            print("\(label): " + String(
                format: "%.1f ms to confirmation; reference (PATCH until the watch delivers the spec change) %.1f ms; %.2fx",
                value, reference, value / max(reference, 0.001)))
        }
        print(String(format: "max: %.1f ms (goal: confirmed well within the 1 s stop deadline)", confirmed.last ?? 0))
    }
}

extension Duration {
    /// The duration in milliseconds.
    fileprivate var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) * 1e-15
    }
}
