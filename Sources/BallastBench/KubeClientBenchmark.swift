import ArgumentParser
import Foundation
import KubeClient
import KubeTypes

/// `ballast-bench kubeclient`: the client against the local control plane, each figure next to
/// the same operation done by curl (the floor: server plus transfer) and kubectl in the same run.
struct KubeClientBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubeclient",
        abstract: "KubeClient: list of N objects, watch event rate, create+status-patch round trips vs curl/kubectl.")

    @Option(help: "Kubeconfig of an admin (token auth); defaults to $KUBECONFIG.")
    var kubeconfig: String?

    @Option(help: "Objects to list and to watch.")
    var objects = 5_000

    @Option(help: "Sequential create+status-patch round trips.")
    var roundTrips = 200

    @Option(help: "Repetitions of each list measurement (the median is reported).")
    var repetitions = 5

    func run() async throws {
        guard let path = kubeconfig ?? ProcessInfo.processInfo.environment["KUBECONFIG"] else {
            throw ValidationError("pass --kubeconfig or set KUBECONFIG (e.g. eval \"$(hack/cluster.sh up)\")")
        }
        let configuration = try KubeConfiguration.load(kubeconfigPath: path)
        let client = try KubeClient(configuration: configuration)
        let namespace = "bench-kubeclient-\(UUID().uuidString.prefix(6).lowercased())"
        let reference = try ReferenceTools(configuration: configuration, kubeconfig: path)
        do {
            try await client.create(UnstructuredObject(apiVersion: "v1", kind: "Namespace", metadata: ObjectMeta(name: namespace)), .namespaces)
            let setup = try await createObjects(client: client, namespace: namespace)
            print("setup: created \(objects) ConfigMaps in \(format(setup)) (\(rate(objects, setup)) creates/s, 16 in flight)")
            try await benchmarkList(client: client, namespace: namespace, reference: reference)
            try await benchmarkWatch(client: client, namespace: namespace, reference: reference)
            try await benchmarkRoundTrips(client: client, namespace: namespace, reference: reference)
        } catch {
            _ = try? await client.delete(.namespaces, name: namespace)
            try? await client.shutdown()
            throw error
        }
        _ = try? await client.delete(.namespaces, name: namespace)
        try await client.shutdown()
    }

    private func createObjects(client: KubeClient, namespace: String) async throws -> Duration {
        let payload = String(repeating: "x", count: 256)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func add() {
                let name = "object-\(next)"
                next += 1
                group.addTask {
                    try await client.create(ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace, labels: ["bench": "list"]), data: ["payload": payload]), .configMaps)
                }
            }
            while next < min(16, objects) { add() }
            while try await group.next() != nil {
                if next < objects { add() }
            }
        }
        return ContinuousClock.now - started
    }

    private func benchmarkList(client: KubeClient, namespace: String, reference: ReferenceTools) async throws {
        print("\n== list \(objects) ConfigMaps (one request, median of \(repetitions)) ==")
        var times: [Duration] = []
        var peakGrowth = 0
        for _ in 0..<repetitions {
            let baseline = ProcessMemory.resetPeak()
            let started = ContinuousClock.now
            let list = try await client.list(ConfigMap.self, .configMaps, namespace: namespace, options: ListOptions(labelSelector: "bench=list"))
            times.append(ContinuousClock.now - started)
            peakGrowth = max(peakGrowth, ProcessMemory.peakKiB() - baseline)
            guard list.items.count == objects else { throw ValidationError("listed \(list.items.count) of \(objects)") }
        }
        let ours = median(times)
        let url = "/api/v1/namespaces/\(namespace)/configmaps?labelSelector=bench%3Dlist"
        let curl = median(try (0..<repetitions).map { _ in try reference.curl(["-o", "/dev/null", reference.url(url)]).elapsed })
        let kubectl = try (0..<repetitions).map { _ in try reference.kubectl(["get", "configmaps", "-n", namespace, "-l", "bench=list", "-o", "json"]) }
        let kubectlTime = median(kubectl.map(\.elapsed))
        print("KubeClient  \(format(ours))  peak RSS growth \(peakGrowth / 1024) MiB (typed decode of every object)")
        print("curl        \(format(curl))  (transfer only, no decoding)")
        print("kubectl     \(format(kubectlTime))  peak RSS \((kubectl.map(\.peakKiB).max() ?? 0) / 1024) MiB (whole process)")
        print("ratio KubeClient/curl \(ratio(ours, curl)), KubeClient/kubectl \(ratio(ours, kubectlTime))")
    }

    private func benchmarkWatch(client: KubeClient, namespace: String, reference: ReferenceTools) async throws {
        print("\n== watch: \(objects) initial ADDED events (watch without resourceVersion) ==")
        let cpuBefore = ProcessMemory.cpuTime()
        let started = ContinuousClock.now
        var count = 0
        let stream = try await client.watch(ConfigMap.self, .configMaps, namespace: namespace, options: WatchOptions(labelSelector: "bench=list", timeoutSeconds: 120))
        for try await event in stream {
            if case .added = event { count += 1 }
            if count == objects { break }
        }
        let ours = ContinuousClock.now - started
        let cpu = ProcessMemory.cpuTime() - cpuBefore
        let url = reference.url("/api/v1/namespaces/\(namespace)/configmaps?watch=true&labelSelector=bench%3Dlist&timeoutSeconds=120")
        let curl = try reference.curlUntilLines(url, count: objects)
        print("KubeClient  \(format(ours))  \(rate(objects, ours)) events/s; client CPU \(format(cpu)) = \(rate(objects, cpu)) events per CPU-second")
        print("curl        \(format(curl))  \(rate(objects, curl)) lines/s (no decoding)")
        print("ratio KubeClient/curl \(ratio(ours, curl))")
    }

    private func benchmarkRoundTrips(client: KubeClient, namespace: String, reference: ReferenceTools) async throws {
        print("\n== \(roundTrips) sequential create + status patch of a Pod ==")
        let statusPatch: JSONValue = ["status": ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]]]]
        let started = ContinuousClock.now
        for index in 0..<roundTrips {
            let pod = Pod(metadata: ObjectMeta(name: "rt-\(index)", namespace: namespace),
                          spec: PodSpec(containers: [Container(name: "c", image: "registry.invalid/c:1")]))
            try await client.create(pod, .pods)
            try await client.patchStatus(Pod.self, .pods, name: "rt-\(index)", namespace: namespace, .strategicMerge(statusPatch))
        }
        let ours = ContinuousClock.now - started
        let curlConfig = try reference.roundTripConfig(namespace: namespace, count: roundTrips, statusPatch: statusPatch.canonicalString())
        let curl = try reference.curl(["-K", curlConfig]).elapsed
        let kubectlCount = min(roundTrips, 20)
        let kubectl = try reference.shell((0..<kubectlCount).map { index in
            "kubectl create -n \(namespace) -f - >/dev/null <<'EOF'\n{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"kc-\(index)\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"registry.invalid/c:1\"}]}}\nEOF\n"
                + "kubectl patch pod kc-\(index) -n \(namespace) --subresource=status --type=strategic -p '\(statusPatch.canonicalString())' >/dev/null"
        }.joined(separator: "\n")).elapsed
        print("KubeClient  \(format(ours))  \(rate(roundTrips, ours)) round trips/s")
        print("curl        \(format(curl))  \(rate(roundTrips, curl)) round trips/s (one process, one connection)")
        print("kubectl     \(format(kubectl))  \(rate(kubectlCount, kubectl)) round trips/s (\(kubectlCount) round trips, two processes each)")
        print("ratio KubeClient/curl per round trip \(ratio(ours, curl))")
    }
}

private func median(_ values: [Duration]) -> Duration {
    let sorted = values.sorted()
    return sorted.isEmpty ? .zero : sorted[sorted.count / 2]
}

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

private func format(_ duration: Duration) -> String {
    String(format: "%.1f ms", seconds(duration) * 1000)
}

private func rate(_ count: Int, _ duration: Duration) -> String {
    String(format: "%.0f", Double(count) / max(seconds(duration), 1e-9))
}

private func ratio(_ lhs: Duration, _ rhs: Duration) -> String {
    String(format: "%.2f", seconds(lhs) / max(seconds(rhs), 1e-9))
}

/// What one external command cost.
private struct Measurement {
    var elapsed: Duration
    /// The largest peak RSS of any child process so far (`RUSAGE_CHILDREN`), in KiB.
    var peakKiB: Int
}

/// The reference tools, run against the same server with the same credentials.
private struct ReferenceTools {
    let server: String
    let kubeconfig: String
    private let token: String
    private let caFile: String

    init(configuration: KubeConfiguration, kubeconfig: String) throws {
        guard case .bearerToken(let token) = configuration.authentication, let ca = configuration.certificateAuthorityPEM else {
            throw ValidationError("the benchmark needs a kubeconfig with a token and a certificate authority (admin.kubeconfig)")
        }
        let caFile = NSTemporaryDirectory() + "bench-kubeclient-ca-\(UUID().uuidString).crt"
        try Data(ca).write(to: URL(fileURLWithPath: caFile))
        self.server = configuration.server
        self.kubeconfig = kubeconfig
        self.token = token
        self.caFile = caFile
    }

    func url(_ path: String) -> String { server + path }

    func curl(_ arguments: [String]) throws -> Measurement {
        try run("/usr/bin/curl", ["-sf", "--cacert", caFile, "-H", "Authorization: Bearer \(token)"] + arguments)
    }

    /// How long curl takes to receive `count` lines of a streaming response (then it is stopped).
    func curlUntilLines(_ url: String, count: Int) throws -> Duration {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sfN", "--cacert", caFile, "-H", "Authorization: Bearer \(token)", url]
        let output = Pipe()
        process.standardOutput = output
        let started = ContinuousClock.now
        try process.run()
        var lines = 0
        while lines < count {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            lines += data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
        let elapsed = ContinuousClock.now - started
        process.terminate()
        process.waitUntilExit()
        guard lines >= count else { throw ValidationError("curl received \(lines) of \(count) watch events") }
        return elapsed
    }

    func kubectl(_ arguments: [String]) throws -> Measurement {
        try run("/usr/bin/env", ["kubectl"] + arguments)
    }

    func shell(_ script: String) throws -> Measurement {
        try run("/bin/bash", ["-c", "set -o pipefail; " + script], allowSIGPIPE: true)
    }

    /// A curl config performing `count` pod creates and status patches on one connection.
    func roundTripConfig(namespace: String, count: Int, statusPatch: String) throws -> String {
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        let blocks = (0..<count).map { index in
            let pod = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"cu-\#(index)"},"spec":{"containers":[{"name":"c","image":"registry.invalid/c:1"}]}}"#
            let common = "silent\nfail\ncacert = \(quoted(caFile))\nheader = \(quoted("Authorization: Bearer \(token)"))\noutput = \"/dev/null\"\n"
            return common + "url = \(quoted(url("/api/v1/namespaces/\(namespace)/pods")))\nrequest = \"POST\"\nheader = \"Content-Type: application/json\"\ndata = \(quoted(pod))\nnext\n"
                + common + "url = \(quoted(url("/api/v1/namespaces/\(namespace)/pods/cu-\(index)/status")))\nrequest = \"PATCH\"\nheader = \"Content-Type: application/strategic-merge-patch+json\"\ndata = \(quoted(statusPatch))\n"
        }
        let path = NSTemporaryDirectory() + "bench-kubeclient-\(UUID().uuidString).curlrc"
        try blocks.joined(separator: "next\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func run(_ program: String, _ arguments: [String], allowSIGPIPE: Bool = false) throws -> Measurement {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["KUBECONFIG": kubeconfig]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        let started = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - started
        guard process.terminationStatus == 0 || (allowSIGPIPE && process.terminationStatus == 141) else {
            throw ValidationError("\(program) \(arguments.prefix(3).joined(separator: " ")) exited \(process.terminationStatus)")
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return Measurement(elapsed: elapsed, peakKiB: usage.ru_maxrss)
    }
}

/// This process's memory and CPU figures, from /proc and getrusage.
private enum ProcessMemory {
    /// Resets the peak-RSS mark (VmHWM) to the current RSS and returns the current RSS in KiB.
    static func resetPeak() -> Int {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        return field("VmRSS")
    }

    /// VmHWM: the peak RSS since the last reset, in KiB.
    static func peakKiB() -> Int { field("VmHWM") }

    /// User plus system CPU time of this process.
    static func cpuTime() -> Duration {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let user = Duration.seconds(usage.ru_utime.tv_sec) + .microseconds(usage.ru_utime.tv_usec)
        return user + .seconds(usage.ru_stime.tv_sec) + .microseconds(usage.ru_stime.tv_usec)
    }

    private static func field(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    }
}
