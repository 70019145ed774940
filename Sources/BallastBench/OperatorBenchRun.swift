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
            try await waitForQuietCluster()
            try await setUp()
            try await waitForSettledTargets()
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
        let beforeReference = try await APIServerRequests.read(client)
        let cpuBeforeReference = ProcessCPU.byCommand()
        let reference = try await referenceWrites()
        let cpuDuringReference = ProcessCPU.cores(from: cpuBeforeReference, to: ProcessCPU.byCommand(), over: reference)
        let referenceRate = Double(options.requests) / reference
        let referenceWriteRate = try await APIServerRequests.read(client).since(beforeReference).writes / reference
        print(String(format: "reference: plain client create + status write x %d: %.2f s (%.0f requests/s, %.0f API writes/s)",
                     options.requests, reference, referenceRate, referenceWriteRate))
        print("reference: cores busy on average: \(cpuDuringReference)")
        let callLatency = try await sequentialCallLatency()
        print(String(format: "reference: one create or status write at a time: p50 %.1f ms, p99 %.1f ms",
                     callLatency.p50 * 1000, callLatency.p99 * 1000))

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
            let controlPlaneCPUBeforeBurst = ProcessCPU.byCommand()

            let beforeBurst = try await APIServerRequests.read(client)
            let overheadBeforeBurst = try await process.requestOverhead()
            let reconcileTimeBeforeBurst = try await process.requestReconcileTime()
            let started = ContinuousClock.now
            try await createRequests(prefix: "burst", count: options.requests, tracker: tracker)
            let created = ContinuousClock.now - started
            try await tracker.waitForCompletion(of: options.requests, prefix: "burst", timeout: .seconds(options.timeout))
            let total = (ContinuousClock.now - started).inSeconds
            let burstCPU = process.cpuSeconds() - startCPU
            let controlPlaneCores = ProcessCPU.cores(from: controlPlaneCPUBeforeBurst, to: ProcessCPU.byCommand(), over: total)
            let served = try await APIServerRequests.read(client).since(beforeBurst)
            let latencies = tracker.latencies(prefix: "burst")
            let rate = Double(options.requests) / total
            print(String(format: "burst: %d created in %.2f s; all Completed after %.2f s (%.0f requests/s, %.0f%% of reference)",
                         options.requests, created.inSeconds, total, rate, 100 * rate / referenceRate))
            let count = Double(options.requests)
            print(String(format: "burst: the operator made %.1f API calls per request (%.1f writes, %.1f of them Events); "
                         + "the API server served %.0f writes/s, %.0f%% of the reference's %.0f",
                         (served.calls - count) / count, (served.writes - count) / count, served.eventWrites / count,
                         served.writes / total, 100 * served.writes / total / referenceWriteRate, referenceWriteRate))
            print("burst: calls per request by resource (the create included): " + served.breakdown(per: count))
            print(String(format: "burst: cores busy on average: %@, operator %.2f (of %d on this machine)",
                         controlPlaneCores, burstCPU / total, ProcessInfo.processInfo.activeProcessorCount))
            print(Self.percentiles("burst create→Completed", latencies))
            let overheadBeforeSequential = try await process.requestOverhead()
            let burstOverhead = overheadBeforeSequential.since(overheadBeforeBurst)
            print(burstOverhead.summary("burst", requests: options.requests))
            // Where the workers' time went: if they were busy and mostly waiting on the API
            // server, the API server, not the operator, set the pace.
            let busy = try await process.requestReconcileTime().since(reconcileTimeBeforeBurst).sum
            print(String(format: "burst: the %d workers were busy %.0f%% of the burst, and waited on the API server for %.0f%% of that busy time",
                         options.workers, 100 * busy / (Double(options.workers) * total), 100 * (busy - burstOverhead.sum) / max(busy, 1e-9)))

            let beforeSequential = try await APIServerRequests.read(client)
            // One request at a time, so the overhead the operator recorded while each one ran
            // is that request's (reconciles its own last write triggers may land in the next one's).
            var overheadPerRequest: [Double] = []
            var overheadSoFar = try await process.requestOverhead()
            for index in 0..<options.sequential {
                try await createRequests(prefix: "one-\(index)", count: 1, tracker: tracker)
                try await tracker.waitForCompletion(of: 1, prefix: "one-\(index)-", timeout: .seconds(60))
                let now = try await process.requestOverhead()
                overheadPerRequest.append(now.sum - overheadSoFar.sum)
                overheadSoFar = now
            }
            let sequential = tracker.latencies(prefix: "one-").sorted()
            print(Self.percentiles("one at a time create→Completed", sequential))
            if options.sequential > 0 {
                let perRequest = try await APIServerRequests.read(client).since(beforeSequential)
                let serialCalls = (perRequest.calls - perRequest.eventWrites) / Double(options.sequential)
                print(String(format: "one at a time: %.1f calls in sequence per request, its create included (× %.1f ms for a plain client = %.0f ms)",
                             serialCalls, callLatency.p50 * 1000, serialCalls * callLatency.p50 * 1000))
                let overhead = try await process.requestOverhead().since(overheadBeforeSequential)
                print(overhead.summary("one at a time", requests: options.sequential))
                print(Self.percentiles("one at a time, operator overhead per request", overheadPerRequest.sorted()))
            }
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

    /// The latency of one API write with nothing else in flight: 50 creates and status writes,
    /// one at a time. The floor under a request's create→Completed time is its calls in
    /// sequence times this.
    private func sequentialCallLatency() async throws -> (p50: Double, p99: Double) {
        var samples: [Double] = []
        for index in 0..<50 {
            var request = request(name: "seq-\(index)", target: 0)
            request.metadata.namespace = referenceNamespace
            var started = ContinuousClock.now
            let created = try await client.create(request, .remediationRequests)
            samples.append((ContinuousClock.now - started).inSeconds)
            started = ContinuousClock.now
            _ = try await client.patchStatus(
                RemediationRequest.self, .remediationRequests, name: created.metadata.name ?? "", namespace: referenceNamespace,
                .merge(["status": ["phase": "Completed"]]))
            samples.append((ContinuousClock.now - started).inSeconds)
        }
        samples.sort()
        return (DecisionBenchmark.percentile(samples, 0.5), DecisionBenchmark.percentile(samples, 0.99))
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
