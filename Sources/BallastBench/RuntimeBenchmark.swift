import ArgumentParser
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Synchronization

/// `ballast-bench runtime`: work queue throughput, informer cache memory, and write-to-reconcile
/// latency against the local control plane.
struct RuntimeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runtime",
        abstract: "ControllerRuntime: queue throughput, cache memory, write-to-reconcile latency.")

    enum Part: String, ExpressibleByArgument, CaseIterable {
        case all, queue, memory, latency
        /// Internal: one memory measurement in a fresh process (so RSS figures are clean).
        case memoryChild = "memory-child"
    }

    @Option(help: "Which part to run: all, queue, memory, latency.")
    var part: Part = .all
    @Option(help: "Keys pushed through the queue per run.")
    var keys = 200_000
    @Option(help: "Deployments held by the cache in the memory test.")
    var objects = 10_000
    @Flag(help: "memory-child only: strip managedFields before storing.")
    var strip = false
    @Flag(help: "memory-child only: decode into the typed Deployment model instead of UnstructuredObject.")
    var typed = false
    @Option(help: "Writes measured in the latency test.")
    var samples = 200
    @Option(help: "Kubeconfig of the cluster for the latency test (default: $BALLAST_TEST_KUBECONFIG).")
    var kubeconfig: String?

    func run() async throws {
        switch part {
        case .queue: await queueThroughput()
        case .memory: try memory()
        case .memoryChild: try memoryChild()
        case .latency: try await latency()
        case .all:
            await queueThroughput()
            try memory()
            try await latency()
        }
    }

    // MARK: Queue throughput

    private func queueThroughput() async {
        print("## work queue throughput (\(keys) distinct keys: add, next, done)")
        let reference = referenceQueueRate()
        print(String(format: "reference Mutex<[Int]> push+pop: %.0f keys/s", reference))
        for workers in [1, 2, 8] {
            let queue = WorkQueue<Int>(configuration: WorkQueueConfiguration(capacity: keys + 1))
            let started = ContinuousClock.now
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for key in 0..<keys { queue.add(key) }
                }
                for _ in 0..<workers {
                    group.addTask {
                        while let key = await queue.next() {
                            queue.done(key, .success)
                            if key == keys - 1 { queue.shutDown() }
                        }
                    }
                }
            }
            let seconds = (ContinuousClock.now - started).benchSeconds
            let rate = Double(keys) / seconds
            print(String(format: "workers %d: %.0f keys/s (%.0f queue ops/s), %.2fx reference", workers, rate, rate * 3, rate / reference))
        }
    }

    private func referenceQueueRate() -> Double {
        let queue = Mutex<[Int]>([])
        let started = ContinuousClock.now
        for key in 0..<keys { queue.withLock { $0.append(key) } }
        var sum = 0
        for _ in 0..<keys { sum &+= queue.withLock { $0.popLast() ?? 0 } }
        precondition(sum >= 0)
        return Double(keys) / (ContinuousClock.now - started).benchSeconds
    }

    // MARK: Cache memory

    private func memory() throws {
        print("## informer cache memory (\(objects) Deployments; RSS delta of a fresh process holding the cache)")
        for flags in [[], ["--strip"], ["--typed"], ["--typed", "--strip"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            process.arguments = ["runtime", "--part", "memory-child", "--objects", "\(objects)"] + flags
            try process.run()
            process.waitUntilExit()
        }
    }

    private func memoryChild() throws {
        if typed {
            try measureCache(Deployment.self, label: strip ? "typed Deployment, stripped   " : "typed Deployment             ")
        } else {
            try measureCache(UnstructuredObject.self, label: strip ? "UnstructuredObject, stripped " : "UnstructuredObject, full     ")
        }
    }

    /// Decodes the fixture objects one at a time into a store of `Object` and reports the
    /// resident memory the store holds against the JSON size.
    private func measureCache<Object: KubernetesObject>(_ type: Object.Type, label: String) throws {
        let baseline = Self.residentBytes()
        var jsonBytes = 0
        let decoder = JSONDecoder.kubernetes()
        let transform: ObjectTransform<Object> = strip ? .stripManagedFields : .identity
        // The decoded array is a temporary: only the store outlives this statement.
        let store = Store<Object>(preloaded: try (0..<objects).map { index -> Object in
            let data = Self.deploymentJSON(index)
            jsonBytes += data.count
            return transform.apply(try decoder.decode(Object.self, from: data))
        })
        let held = Self.residentBytes() - baseline
        let peak = Self.peakResidentBytes() - baseline
        print(String(format: "%@: %d objects, JSON %.1f MB, cache RSS delta %.1f MB (%.2fx JSON), peak delta %.1f MB",
                     label, store.count, Double(jsonBytes) / 1e6, Double(held) / 1e6,
                     Double(held) / Double(max(jsonBytes, 1)), Double(peak) / 1e6))
    }

    private static func statusField(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
            return (kilobytes ?? 0) * 1024
        }
        return 0
    }

    static func residentBytes() -> Int { statusField("VmRSS") }
    static func peakResidentBytes() -> Int { statusField("VmHWM") }

    /// A Deployment shaped like what a real API server returns, managedFields included.
    static func deploymentJSON(_ index: Int) -> Data {
        let name = "app-\(index)"
        let text = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"\(name)","namespace":"team-\(index % 50)",\
        "uid":"6f1c\(String(format: "%08x", index))-8a1e-4c55-9a57-2f0e6c1d9b7a","resourceVersion":"\(100000 + index)",\
        "generation":3,"creationTimestamp":"2026-11-20T10:00:00Z","labels":{"app":"\(name)","tier":"backend","team":"team-\(index % 50)"},\
        "annotations":{"deployment.kubernetes.io/revision":"3"},\
        "managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"apps/v1","time":"2026-11-20T10:00:00Z",\
        "fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},\
        "f:labels":{".":{},"f:app":{},"f:team":{},"f:tier":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},\
        "f:revisionHistoryLimit":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},\
        "f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"app\\"}":\
        {".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{".":{},"k:{\\"containerPort\\":8080,\\"protocol\\":\\"TCP\\"}":\
        {".":{},"f:containerPort":{},"f:protocol":{}}},"f:resources":{".":{},"f:limits":{".":{},"f:cpu":{},"f:memory":{}},\
        "f:requests":{".":{},"f:cpu":{},"f:memory":{}}}}},"f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},\
        "f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}}}},\
        {"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1","time":"2026-11-20T10:01:00Z",\
        "fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{"f:deployment.kubernetes.io/revision":{}}},\
        "f:status":{"f:availableReplicas":{},"f:conditions":{".":{},"k:{\\"type\\":\\"Available\\"}":{".":{},"f:lastTransitionTime":{},\
        "f:lastUpdateTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{},"f:readyReplicas":{},\
        "f:replicas":{},"f:updatedReplicas":{}}}}]},\
        "spec":{"replicas":3,"selector":{"matchLabels":{"app":"\(name)"}},"template":{"metadata":{"labels":{"app":"\(name)"}},\
        "spec":{"containers":[{"name":"app","image":"registry.example.com/team/\(name):1.4.\(index % 10)","ports":[{"containerPort":8080,"protocol":"TCP"}],\
        "resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m","memory":"128Mi"}},\
        "imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",\
        "schedulerName":"default-scheduler","securityContext":{}}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},\
        "revisionHistoryLimit":10,"progressDeadlineSeconds":600},\
        "status":{"observedGeneration":3,"replicas":3,"updatedReplicas":3,"readyReplicas":3,"availableReplicas":3,\
        "conditions":[{"type":"Available","status":"True","lastUpdateTime":"2026-11-20T10:01:00Z","lastTransitionTime":"2026-11-20T10:01:00Z",\
        "reason":"MinimumReplicasAvailable","message":"Deployment has minimum availability."}]}}
        """
        return Data(text.utf8)
    }

    // MARK: Write-to-reconcile latency

    private func latency() async throws {
        guard let path = kubeconfig ?? ProcessInfo.processInfo.environment["BALLAST_TEST_KUBECONFIG"] else {
            print("## write-to-reconcile latency: skipped (no --kubeconfig and no BALLAST_TEST_KUBECONFIG; start hack/cluster.sh)")
            return
        }
        let client = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: path))
        let namespace = "bench-runtime-\(UInt32.random(in: 0...UInt32.max))"
        try await client.create(
            UnstructuredObject(apiVersion: "v1", kind: "Namespace", metadata: ObjectMeta(name: namespace)), .namespaces)
        let object = UnstructuredObject(
            apiVersion: "v1", kind: "ConfigMap", metadata: ObjectMeta(name: "probe", namespace: namespace),
            fields: ["data": ["seq": "-1"]])
        try await client.create(object, .configMaps)
        let informer = Informer<UnstructuredObject>(
            client: client, source: .init(.configMaps, namespace: namespace), store: Store(transform: .stripManagedFields))
        let started = Mutex<[String: ContinuousClock.Instant]>([:])
        let controller = Controller(name: "latency", primary: informer, workers: 2, reconcileTimeout: nil) { key in
            if let seq = informer.store.get(key)?["data"]?["seq"]?.stringValue {
                let now = ContinuousClock.now
                started.withLock { if $0[seq] == nil { $0[seq] = now } }
            }
            return .done
        }
        var latencies: [Duration] = []
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await controller.run() }
            await informer.store.waitUntilSynced()
            for seq in 0..<samples {
                let written = ContinuousClock.now
                let patch: JSONValue = ["data": ["seq": .string("\(seq)")]]
                _ = try? await client.patch(UnstructuredObject.self, .configMaps, name: "probe", namespace: namespace, .merge(patch))
                let deadline = written + .seconds(5)
                while ContinuousClock.now < deadline {
                    if let at = started.withLock({ $0["\(seq)"] }) {
                        latencies.append(at - written)
                        break
                    }
                    try? await Task.sleep(for: .microseconds(200))
                }
            }
            controller.shutDown()
            group.cancelAll()
        }
        _ = try? await client.delete(.namespaces, name: namespace)
        try await client.shutdown()
        let sorted = latencies.sorted()
        guard !sorted.isEmpty else {
            print("## write-to-reconcile latency: no reconcile observed")
            return
        }
        func percentile(_ p: Double) -> Double {
            sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))].benchSeconds * 1000
        }
        print("## write-to-reconcile latency (\(sorted.count) of \(samples) writes observed; includes the PATCH round trip)")
        print(String(format: "p50 %.2f ms, p99 %.2f ms, max %.2f ms", percentile(0.5), percentile(0.99), percentile(1)))
    }
}

extension Duration {
    fileprivate var benchSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
