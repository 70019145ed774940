import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A real `ballast run` process on loopback ports, for end-to-end tests.
///
/// ``start(_:lifetime:)`` writes the configuration and token files into a fresh folder of the
/// temporary directory (`TMPDIR`, which hack/test.sh removes after the run), spawns the built
/// binary under `timeout` (so it ends by itself even if the test runner dies) with stdout and
/// stderr appended to `operator.log` there, and returns once `/readyz` answers 200. Failures
/// carry the log's tail.
///
/// Never leaks a process: ``stop(grace:)`` sends SIGTERM and then SIGKILL, and `deinit` kills
/// whatever still runs and removes the folder (kept when `BALLAST_E2E_KEEP_LOGS` is set, for
/// reading a failed run's logs). Signals go to the process group of the `timeout` wrapper, so they reach
/// the operator itself.
public final class OperatorProcess: Sendable {
    /// The loopback ports, fixed for the life of this object (restarts reuse them).
    public let ports: Ports
    /// The folder holding `config.yaml`, `receiver-token` and `operator.log`.
    public let directory: URL
    /// What the process was first started with; ``restart(environment:)`` changes only the environment.
    public let configuration: Configuration
    /// How long one start may run before `timeout` ends it.
    public let lifetime: Duration

    private struct State {
        var process: Process?
        var starts = 0
    }

    private let state = Mutex(State())

    /// `receiver-token`: the bearer token file (give it to Alertmanager).
    public var tokenFile: String { directory.appendingPathComponent("receiver-token").path }
    /// `config.yaml`.
    public var configFile: String { directory.appendingPathComponent("config.yaml").path }
    /// `operator.log`: everything every start printed.
    public var logFile: String { directory.appendingPathComponent("operator.log").path }

    private init(configuration: Configuration, ports: Ports, directory: URL, lifetime: Duration) {
        self.configuration = configuration
        self.ports = ports
        self.directory = directory
        self.lifetime = lifetime
    }

    /// Writes the files, starts the operator and waits until it is ready.
    /// - Parameters:
    ///   - configuration: flags, configuration file and environment.
    ///   - lifetime: after this long `timeout` ends the process (a bound, not a test timing).
    /// - Throws: ``OperatorProcessError`` (no binary, spawn failure, early exit or not ready
    ///   within 60 s, with the log's tail).
    public static func start(_ configuration: Configuration, lifetime: Duration = .seconds(300)) async throws -> OperatorProcess {
        let binary = try binary()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-operator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = OperatorProcess(configuration: configuration, ports: try freePorts(), directory: directory, lifetime: lifetime)
        try configuration.receiverToken.write(toFile: process.tokenFile, atomically: true, encoding: .utf8)
        try configuration.yaml(tokenFile: process.tokenFile).write(toFile: process.configFile, atomically: true, encoding: .utf8)
        guard FileManager.default.createFile(atPath: process.logFile, contents: nil) else {
            throw OperatorProcessError.spawnFailed("cannot create \(process.logFile)")
        }
        try await process.launch(binary: binary, environment: configuration.environment)
        return process
    }

    /// Stops the running process (if any) and starts it again with the same configuration
    /// and ports, but with `environment` instead of the configuration's extra environment.
    /// - Throws: ``OperatorProcessError`` as ``start(_:lifetime:)``.
    public func restart(environment: [String: String] = [:]) async throws {
        await stop()
        try await launch(binary: Self.binary(), environment: environment)
    }

    /// Sends `signal` to the operator (and its `timeout` wrapper); does not wait.
    public func signal(_ signal: Int32) {
        state.withLock { state in
            guard let process = state.process, process.isRunning else { return }
            kill(-process.processIdentifier, signal)
        }
    }

    /// Whether the process is running now.
    public var isRunning: Bool { state.withLock { $0.process?.isRunning ?? false } }

    /// Waits until the process exits and says how.
    /// - Throws: ``OperatorProcessError/stillRunning(seconds:log:)`` after `timeout` seconds.
    @discardableResult
    public func waitForExit(timeout: Double = 30) async throws -> OperatorExit {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let exit = currentExit() { return exit }
            guard Date() < deadline else { throw OperatorProcessError.stillRunning(seconds: timeout, log: logTail()) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// SIGTERM, up to `grace` seconds for a graceful exit, then SIGKILL. Returns how it ended
    /// (`nil` when nothing was running).
    @discardableResult
    public func stop(grace: Double = 10) async -> OperatorExit? {
        guard isRunning else { return currentExit() }
        signal(SIGTERM)
        if let exit = try? await waitForExit(timeout: grace) { return exit }
        signal(SIGKILL)
        return try? await waitForExit(timeout: 10)
    }

    /// The last `lines` lines the operator printed (all starts), for failure messages.
    public func logTail(lines: Int = 60) -> String {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// The whole log (all starts).
    public var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

    deinit {
        state.withLock { state in
            if let process = state.process, process.isRunning {
                kill(-process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        if ProcessInfo.processInfo.environment["BALLAST_E2E_KEEP_LOGS"] == nil {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// How the last start ended, or `nil` while it runs (or before the first start).
    private func currentExit() -> OperatorExit? {
        state.withLock { state in
            guard let process = state.process, !process.isRunning else { return nil }
            return OperatorExit(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal)
        }
    }

    /// Spawns `timeout <lifetime> ballast run …` with the log appended, then waits for `/readyz`.
    private func launch(binary: URL, environment: [String: String]) async throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        defer { try? handle.close() }
        try handle.seekToEnd()
        let start = state.withLock { state -> Int in
            state.starts += 1
            return state.starts
        }
        let banner = "=== start \(start): \(environment.isEmpty ? "no extra environment" : "\(environment)") ===\n"
        try handle.write(contentsOf: Data(banner.utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["--kill-after=5", "\(lifetime.components.seconds)", binary.path]
            + configuration.arguments(ports: ports, configFile: configFile)
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment["BALLAST_POD_NAMESPACE"] = configuration.operatorNamespace
        processEnvironment.merge(environment) { _, new in new }
        process.environment = processEnvironment
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw OperatorProcessError.spawnFailed("\(binary.path): \(error)")
        }
        state.withLock { $0.process = process }
        try await waitUntilReady(timeout: 60)
    }

    /// Polls `/readyz` every 100 ms until it answers 200.
    private func waitUntilReady(timeout: Double) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let exit = currentExit() { throw OperatorProcessError.exitedEarly(status: exit, log: logTail()) }
            if try await Self.http("GET", "http://127.0.0.1:\(ports.probe)/readyz").0 == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw OperatorProcessError.notReady(seconds: timeout, log: logTail())
    }
}
