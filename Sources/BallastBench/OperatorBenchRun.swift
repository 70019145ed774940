import BallastAPI
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Synchronization

/// One run of ``OperatorBenchmark``: sets up a namespace, a permissive SafetyPolicy and target
/// Deployments, measures the reference and the operator, and deletes what it created.
struct OperatorBenchRun: Sendable {
    let client: KubeClient
    let kubeconfig: String
    let options: OperatorBenchmark
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)

    var namespace: String { "bench-op-\(suffix)" }
    var referenceNamespace: String { "bench-ref-\(suffix)" }

    func run() async throws {
        do {
            try await setUp()
            try await measure()
        } catch {
            await tearDown()
            throw error
        }
        await tearDown()
    }

    private func measure() async throws {
        print("## operator end to end (\(options.requests) requests over \(options.targets) Deployments, "
              + "\(options.concurrency) concurrent writers, \(options.workers) workers)")
        let reference = try await referenceWrites()
        let referenceRate = Double(options.requests) / reference
        print(String(format: "reference: plain client create + status write x %d: %.2f s (%.0f requests/s)",
                     options.requests, reference, referenceRate))

        let tracker = CompletionTracker()
        let informer = Informer<RemediationRequest>(client: client, source: .init(.remediationRequests, namespace: namespace))
        informer.addHandler { change in tracker.observe(change.object) }
        let process = try OperatorProcess.start(binary: options.binary, kubeconfig: kubeconfig, namespace: namespace, workers: options.workers)
        defer { process.stop() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await informer.run() }
            await informer.store.waitUntilSynced()
            try await process.waitUntilReady()
            let startCPU = process.cpuSeconds()

            let started = ContinuousClock.now
            try await createRequests(prefix: "burst", count: options.requests, tracker: tracker)
            let created = ContinuousClock.now - started
            try await tracker.waitForCompletion(of: options.requests, prefix: "burst", timeout: .seconds(options.timeout))
            let total = (ContinuousClock.now - started).inSeconds
            let latencies = tracker.latencies(prefix: "burst")
            let rate = Double(options.requests) / total
            print(String(format: "burst: %d created in %.2f s; all Completed after %.2f s (%.0f requests/s, %.0f%% of reference)",
                         options.requests, created.inSeconds, total, rate, 100 * rate / referenceRate))
            print(Self.percentiles("burst create→Completed", latencies))

            for index in 0..<options.sequential {
                try await createRequests(prefix: "one-\(index)", count: 1, tracker: tracker)
                try await tracker.waitForCompletion(of: 1, prefix: "one-\(index)-", timeout: .seconds(60))
            }
            print(Self.percentiles("one at a time create→Completed", tracker.latencies(prefix: "one-")))
            print(String(format: "operator: peak RSS %.1f MiB, CPU %.2f s for %d requests (%.2f ms CPU per request)",
                         Double(process.peakResidentBytes()) / 1_048_576, process.cpuSeconds() - startCPU,
                         options.requests + options.sequential,
                         1000 * (process.cpuSeconds() - startCPU) / Double(options.requests + options.sequential)))
            group.cancelAll()
        }
    }

    /// Creates `count` requests named `<prefix>-<i>`, `concurrency` at a time.
    private func createRequests(prefix: String, count: Int, tracker: CompletionTracker) async throws {
        try await forEachConcurrently(0..<count) { index in
            let name = "\(prefix)-\(index)"
            tracker.created(name)
            try await client.create(request(name: name, target: index % options.targets), .remediationRequests)
        }
    }

    private func request(name: String, target: Int) -> RemediationRequest {
        RemediationRequest(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: RemediationRequestSpec(
                target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: "target-\(target)"),
                mode: .dryRun, action: RequestedAction(name: .scaleDeployment, parameters: ["replicas": .int(2)])))
    }

    /// The reference: one create and one status write per request, by a plain client.
    private func referenceWrites() async throws -> Double {
        let started = ContinuousClock.now
        try await forEachConcurrently(0..<options.requests) { index in
            var request = request(name: "ref-\(index)", target: index % options.targets)
            request.metadata.namespace = referenceNamespace
            let created = try await client.create(request, .remediationRequests)
            _ = try await client.patchStatus(
                RemediationRequest.self, .remediationRequests, name: created.metadata.name ?? "", namespace: referenceNamespace,
                .merge(["status": ["phase": "Completed"]]))
        }
        return (ContinuousClock.now - started).inSeconds
    }

    /// Runs `body` for every element with at most `options.concurrency` in flight.
    private func forEachConcurrently(
        _ range: Range<Int>, _ body: @escaping @Sendable (Int) async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = range.lowerBound
            while next < range.upperBound && next - range.lowerBound < options.concurrency {
                let index = next
                group.addTask { try await body(index) }
                next += 1
            }
            while try await group.next() != nil, next < range.upperBound {
                let index = next
                group.addTask { try await body(index) }
                next += 1
            }
        }
    }

    static func percentiles(_ label: String, _ values: [Double]) -> String {
        let sorted = values.sorted()
        func at(_ fraction: Double) -> Double { DecisionBenchmark.percentile(sorted, fraction) * 1000 }
        return String(format: "%@ (%d): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                      label, sorted.count, at(0.5), at(0.95), at(0.99), at(1))
    }
}
