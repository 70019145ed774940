import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `ballast run` child process for the benchmark: loopback ports, no leader election, no
/// receiver, warnings-only JSON logs into a temporary file; killed when stopped.
struct OperatorProcess: Sendable {
    let process: Process
    let metricsPort: Int
    let probePort: Int
    let logFile: URL

    /// Starts the operator on `namespace` with `workers` reconcile workers.
    static func start(binary: String, kubeconfig: String, namespace: String, workers: Int) throws -> OperatorProcess {
        let metricsPort = Int.random(in: 20_000...29_999)
        let probePort = metricsPort + 10_000
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-bench-operator-\(metricsPort).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "run", "--kubeconfig", kubeconfig, "--namespace", namespace, "--leader-elect=false",
            "--metrics-addr", "127.0.0.1:\(metricsPort)", "--probe-addr", "127.0.0.1:\(probePort)",
            "--receiver-addr", "off", "--workers", "\(workers)", "--log-format", "json", "--log-level", "warning",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["BALLAST_POD_NAMESPACE"] = namespace
        process.environment = environment
        let log = try FileHandle(forWritingTo: logFile)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        return OperatorProcess(process: process, metricsPort: metricsPort, probePort: probePort, logFile: logFile)
    }

    /// Polls `/readyz` until 200 (at most 60 s). - Throws: with the log's tail when it never is.
    func waitUntilReady() async throws {
        let url = URL(string: "http://127.0.0.1:\(probePort)/readyz")
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { break }
            if let url, let (_, response) = try? await URLSession.shared.data(from: url),
                (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchFailure("the operator did not become ready; log tail:\n\(logTail())")
    }

    /// The RemediationRequest controller's reconcile-overhead histogram, as exported now.
    func requestOverhead() async throws -> ReconcileHistogram {
        try await ReconcileHistogram.read(port: metricsPort, family: ReconcileHistogram.overhead, controller: "remediationrequest")
    }

    /// The RemediationRequest controller's whole reconciles so far (`ballast_reconcile_duration_seconds`).
    func requestReconcileTime() async throws -> ReconcileHistogram {
        try await ReconcileHistogram.read(port: metricsPort, family: ReconcileHistogram.duration, controller: "remediationrequest")
    }

    /// The operator's peak resident set (VmHWM), in bytes.
    func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return (line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) } ?? 0) * 1024
        }
        return 0
    }

    /// User plus system CPU time the operator has used, in seconds.
    func cpuSeconds() -> Double {
        ProcessCPU.seconds(pid: process.processIdentifier)
    }

    /// The last 40 lines of the operator's log.
    func logTail() -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(40).joined(separator: "\n")
    }

    /// Kills the operator (SIGTERM, then SIGKILL after 5 s) and removes its log.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: logFile)
    }
}
