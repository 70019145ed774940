import BallastAPI
import ClusterTestSupport
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Logging
import Synchronization
import Testing
@testable import BallastOperator

@Suite struct MutationGateTests {
    typealias F = ReconcilerFixture

    /// Informers whose stores hold `policies` and two namespaces, never run (no API call).
    static func withInformers(
        policies: [SafetyPolicy]?,
        namespaces: [Namespace] = [
            Namespace(metadata: ObjectMeta(name: "shop", labels: ["team": "shop"])),
            Namespace(metadata: ObjectMeta(name: "payments", labels: ["team": "payments"])),
        ],
        _ body: (OperatorInformers) async throws -> Void
    ) async throws {
        let client = try KubeClient(configuration: KubeConfiguration(server: "https://127.0.0.1:1"))
        var informers = OperatorInformers(client: client, logger: Logger(label: "test"))
        if let policies {
            informers.policies = Informer(client: client, source: .init(.safetyPolicies), store: Store(preloaded: policies))
        }
        informers.namespaces = Informer(client: client, source: .init(.namespaces), store: Store(preloaded: namespaces))
        do {
            try await body(informers)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static func target(_ namespace: String?) -> TargetReference {
        TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: "web")
    }

    @Test func theCacheGateStopsOnlyWhereAStopCovers() async throws {
        let freeze = F.policy("payments-freeze", SafetyPolicySpec(
            emergencyStop: EmergencyStop(enabled: true), namespaceSelector: LabelSelector(matchLabels: ["team": "payments"])))
        let idle = F.policy("default", SafetyPolicySpec(emergencyStop: EmergencyStop(enabled: false)))
        try await Self.withInformers(policies: [freeze, idle]) { informers in
            let gate = MutationGate.emergencyStops(informers)
            #expect(gate.stoppingPolicies(Self.target("payments")) == ["payments-freeze"])
            #expect(gate.stoppingPolicies(Self.target("shop")) == [])
            #expect(gate.stoppingPolicies(Self.target(nil)) == [], "a selector never covers cluster-scoped targets")
        }
    }

    @Test func theCacheGateFailsClosedUntilPoliciesAreSynced() async throws {
        try await Self.withInformers(policies: nil) { informers in
            #expect(MutationGate.emergencyStops(informers).stoppingPolicies(Self.target("shop")) == [MutationGate.unsyncedPolicies])
        }
    }

    @Test func gaugesTakeTheStrongestBreakerStateAcrossPolicies() {
        let open = SafetyPolicyStatus(circuitBreakers: [CircuitBreakerStatus(action: .deletePod, state: .open)])
        let half = SafetyPolicyStatus(circuitBreakers: [
            CircuitBreakerStatus(action: .deletePod, state: .halfOpen), CircuitBreakerStatus(action: .cordonNode, state: .halfOpen),
        ])
        let gauges = PolicyGauges(policies: [F.policy("a", status: half), F.policy("b", status: open)])
        #expect(gauges.breakers[.deletePod] == .open && gauges.breakers[.cordonNode] == .halfOpen)
        #expect(gauges.breakers[.restartDeployment] == .closed && gauges.breakers.count == ActionName.allCases.count)
        #expect(!gauges.emergencyStop)
        let overridden = PolicyGauges(policies: [F.policy("b", status: open)], statuses: ["b": SafetyPolicyStatus()])
        #expect(overridden.breakers[.deletePod] == .closed, "a status just written replaces the cached one")
        let stopped = F.policy("c", SafetyPolicySpec(emergencyStop: EmergencyStop(enabled: true)))
        #expect(PolicyGauges(policies: [F.policy("a"), stopped]).emergencyStop)
    }

    /// A real drain interrupted between evictions: the gate lets the cordon and two evictions
    /// through, then names a stopping policy.
    @Test func aDrainStopsBetweenEvictionsAndSaysHowFarItGot() async throws {
        try await ExecutorHarness.run("gate-drain") { harness in
            let node = "node-\(harness.namespace)"
            try await harness.cluster.kubectlChecked(["apply", "-f", "-"], input: "apiVersion: v1\nkind: Node\nmetadata: {name: \(node)}\n")
            defer { harness.cluster.kubectlInBackground(["delete", "node", node, "--wait=false"]) }
            for index in 0..<4 {
                try await harness.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web-\(index)}
                    spec: {nodeName: \(node), containers: [{name: app, image: registry.local/web:v1}]}
                    """)
            }
            let asked = Mutex(0)
            var executor = harness.executor
            executor.mutationGate = MutationGate { target in
                if target.kind == "Pod" { return [] }
                #expect(target.kind == "Node" && target.name == node)
                let calls = asked.withLock { count in
                    count += 1
                    return count
                }
                return calls > 3 ? ["freeze"] : []
            }
            let outcome = await executor.execute(
                action: .drainNode, parameters: ["gracePeriodSeconds": 0, "force": true],
                target: TargetReference(apiVersion: "v1", kind: "Node", name: node), actionId: "drain-stop", dryRun: false)
            guard case .failed(let failure) = outcome.result else {
                Issue.record("expected a stopped drain, got \(outcome.result)")
                return
            }
            #expect(failure.code == MutationGate.stoppedCode)
            #expect(outcome.message.hasPrefix("stopped by emergency stop (SafetyPolicy freeze) after 2 of 4 evictions; changed before the failure: "))
            #expect(outcome.changes.map(\.path) == ["spec.unschedulable", "pods[\(harness.namespace)/web-0]", "pods[\(harness.namespace)/web-1]"])
            #expect(asked.withLock { $0 } == 4, "asked about the node before the cordon and before each eviction started")
            let left = try await harness.client.list(Pod.self, .pods, namespace: harness.namespace).items.compactMap(\.metadata.name)
            #expect(Set(left).isSuperset(of: ["web-2", "web-3"]), "nothing was sent after the stop")

            let dryRun = await executor.execute(
                action: .drainNode, parameters: ["force": true], target: TargetReference(apiVersion: "v1", kind: "Node", name: node),
                actionId: "drain-dry", dryRun: true)
            #expect(dryRun.result == .succeeded, "a dry run changes nothing and is never stopped: \(dryRun.message)")
        }
    }

    /// A drain's target (a Node) has no namespace, so a stop scoped by namespaceSelector never
    /// covers it; it covers the pods there: those are not evicted, the others are, and the
    /// outcome names exactly the pods held and the policy holding them.
    @Test func aDrainDoesNotEvictPodsInANamespaceUnderEmergencyStop() async throws {
        try await ExecutorHarness.run("gate-ns") { harness in
            let frozen = try await harness.cluster.makeNamespace("gate-frozen")
            defer { harness.cluster.deleteNamespace(frozen) }
            let node = "node-\(harness.namespace)"
            try await harness.cluster.kubectlChecked(["apply", "-f", "-"], input: "apiVersion: v1\nkind: Node\nmetadata: {name: \(node)}\n")
            defer { harness.cluster.kubectlInBackground(["delete", "node", node, "--wait=false"]) }
            for namespace in [harness.namespace, frozen] {
                try await harness.cluster.kubectlChecked(["apply", "-n", namespace, "-f", "-"], input: """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web-0}
                    spec: {nodeName: \(node), containers: [{name: app, image: registry.local/web:v1}]}
                    """)
            }
            let freeze = F.policy("frozen-freeze", SafetyPolicySpec(
                emergencyStop: EmergencyStop(enabled: true), namespaceSelector: LabelSelector(matchLabels: ["team": "frozen"])))
            let namespaces = [
                Namespace(metadata: ObjectMeta(name: harness.namespace, labels: ["team": "free"])),
                Namespace(metadata: ObjectMeta(name: frozen, labels: ["team": "frozen"])),
            ]
            try await Self.withInformers(policies: [freeze], namespaces: namespaces) { informers in
                var executor = harness.executor
                executor.mutationGate = .emergencyStops(informers)
                let outcome = await executor.execute(
                    action: .drainNode, parameters: ["gracePeriodSeconds": 0, "force": true],
                    target: TargetReference(apiVersion: "v1", kind: "Node", name: node), actionId: "drain-ns-stop", dryRun: false)
                guard case .failed(let failure) = outcome.result else {
                    Issue.record("expected a drain failed by the stop, got \(outcome.result): \(outcome.message)")
                    return
                }
                #expect(failure.code == MutationGate.stoppedCode)
                #expect(outcome.message == "1 of 2 evictions not started: \(frozen)/web-0 (namespace \(frozen) is under emergency stop "
                    + "(SafetyPolicy frozen-freeze)); changed: spec.unschedulable, pods[\(harness.namespace)/web-0]")
                #expect(Set(outcome.evictions.map { "\($0.pod)=\($0.result.rawValue)" })
                    == ["\(harness.namespace)/web-0=Evicted", "\(frozen)/web-0=StoppedByEmergencyStop"])
                let kept = try await harness.client.get(Pod.self, .pods, name: "web-0", namespace: frozen)
                #expect(kept.metadata.deletionTimestamp == nil, "the frozen namespace's pod was not evicted")
                try await ExecutorHarness.eventually("the free namespace's pod is gone") {
                    let left = try await harness.client.list(Pod.self, .pods, namespace: harness.namespace).items
                    return left.isEmpty
                }
            }
        }
    }
}
