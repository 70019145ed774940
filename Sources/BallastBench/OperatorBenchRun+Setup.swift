import BallastAPI
import Foundation
import KubeClient
import KubeTypes
import Synchronization

extension OperatorBenchRun {
    /// The namespaces, a SafetyPolicy that lifts every limit for the bench namespace (to the
    /// schema's maxima), and the target Deployments.
    func setUp() async throws {
        for name in [namespace, referenceNamespace] {
            try await client.create(
                Namespace(metadata: ObjectMeta(name: name, labels: ["ballast-bench": suffix])), .namespaces)
        }
        try await client.create(
            SafetyPolicy(
                metadata: ObjectMeta(name: namespace),
                spec: SafetyPolicySpec(
                    mode: .enforce, namespaceSelector: LabelSelector(matchLabels: ["ballast-bench": suffix]),
                    minConfidence: 0, maxConcurrent: 1000, rateLimit: RateLimit(maxActions: 10_000, per: .hours(1)),
                    coolingOff: CoolingOff(sameAction: .seconds(0), anyAction: .seconds(0)),
                    circuitBreaker: CircuitBreakerSettings(consecutiveFailures: 100, openFor: .seconds(1)))),
            .safetyPolicies)
        for index in 0..<options.targets {
            let name = "target-\(index)"
            let labels: JSONValue = ["app": .string(name)]
            try await client.create(
                UnstructuredObject(
                    apiVersion: "apps/v1", kind: "Deployment", metadata: ObjectMeta(name: name, namespace: namespace),
                    fields: ["spec": [
                        "replicas": 1, "selector": ["matchLabels": labels],
                        "template": ["metadata": ["labels": labels],
                                     "spec": ["containers": [["name": "app", "image": "registry.local/app:1"]]]],
                    ]]),
                .deployments)
        }
    }

    /// Waits (at most five minutes) until the API server serves fewer than five writes in a
    /// second: the controller manager rolling out the target Deployments (ReplicaSets, Pods,
    /// status writes; at its default 20 requests/s, a thousand take minutes) would otherwise be
    /// counted as the operator's calls.
    func waitForSettledTargets() async throws {
        let deadline = ContinuousClock.now + .seconds(300)
        var before = try await APIServerRequests.read(client)
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .seconds(1))
            let now = try await APIServerRequests.read(client)
            if now.since(before).writes < 5 { return }
            before = now
        }
        print("note: the API server was still busy five minutes after setup; the figures include that work")
    }

    /// Waits (at most five minutes) until no namespace is being deleted: the namespace
    /// controller emptying one (an earlier run's, a test's) loads the API server and its calls
    /// would be counted as the operator's.
    func waitForQuietCluster() async throws {
        let deadline = ContinuousClock.now + .seconds(300)
        while true {
            let terminating = try await client.list(Namespace.self, .namespaces).items.filter { $0.metadata.deletionTimestamp != nil }
            if terminating.isEmpty { return }
            if ContinuousClock.now > deadline {
                print("note: \(terminating.count) namespaces are still being deleted; the figures include their cleanup")
                return
            }
            try await Task.sleep(for: .seconds(2))
        }
    }

    /// Deletes the namespaces and the policy (best effort; the cluster is throw-away anyway).
    func tearDown() async {
        for name in [namespace, referenceNamespace] {
            _ = try? await client.delete(.namespaces, name: name)
        }
        _ = try? await client.delete(.safetyPolicies, name: namespace)
    }
}

/// When each request was created and first seen Completed (or in another final phase).
final class CompletionTracker: Sendable {
    private struct State {
        var created: [String: ContinuousClock.Instant] = [:]
        var finished: [String: (ContinuousClock.Instant, RemediationPhase)] = [:]
    }

    private let state = Mutex(State())

    func created(_ name: String) {
        let now = ContinuousClock.now
        state.withLock { $0.created[name] = now }
    }

    func observe(_ request: RemediationRequest) {
        guard let name = request.metadata.name, let phase = request.status?.phase, phase.isTerminal else { return }
        let now = ContinuousClock.now
        state.withLock { state in
            if state.finished[name] == nil { state.finished[name] = (now, phase) }
        }
    }

    /// Create→final latencies (seconds) of the Completed requests whose name starts with `prefix`.
    func latencies(prefix: String) -> [Double] {
        state.withLock { state in
            state.finished.compactMap { name, end -> Double? in
                guard name.hasPrefix(prefix), end.1 == .completed, let start = state.created[name] else { return nil }
                return (end.0 - start).inSeconds
            }
        }
    }

    /// Waits until `count` requests named `prefix…` are final. - Throws: when one ends in
    /// another phase than Completed, or on timeout.
    func waitForCompletion(of count: Int, prefix: String, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let (done, failed) = state.withLock { state in
                let mine = state.finished.filter { $0.key.hasPrefix(prefix) }
                return (mine.count, mine.first { $0.value.1 != .completed }.map { "\($0.key): \($0.value.1.rawValue)" })
            }
            if let failed { throw BenchFailure("request \(failed) instead of Completed") }
            if done >= count { return }
            if ContinuousClock.now > deadline { throw BenchFailure("only \(done) of \(count) requests final after \(timeout)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// The benchmark could not measure what it set out to.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
