import ClusterTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real monitoring peer (Alertmanager, Prometheus) on a free loopback port, started by a
/// `hack/alertmanager.sh` subcommand that execs it in the foreground.
///
/// Bounded: the process runs under `timeout`, so it stops by itself even if the test runner
/// dies; ``stop()`` ends it earlier.
final class LoopbackPeer: @unchecked Sendable {
    static let script = ReceiverCluster.repositoryRoot.appendingPathComponent("hack/alertmanager.sh").path

    let name: String
    let port: Int
    let directory: URL
    private let process = Process()

    /// Starts `hack/alertmanager.sh <subcommand> DIR <arguments…> PORT` and waits until
    /// `GET readyPath` answers 200 (at most 240 s: the first start may install the package),
    /// suspending rather than blocking a thread of the cooperative pool.
    init(name: String, subcommand: String, arguments: [String], readyPath: String, lifetimeSeconds: Int = 120) async throws {
        self.name = name
        port = try Self.freePort()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("peer.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw PeerError(message: "cannot create \(log.path)")
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [String(lifetimeSeconds), Self.script, subcommand, directory.path] + arguments + [String(port)]
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try await waitUntilReady(readyPath)
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// What the peer (and the script installing it) printed, for failure messages.
    var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("peer.log"), encoding: .utf8)) ?? ""
    }

    /// One HTTP request to the peer; returns the status code and body.
    func request(_ method: String, _ path: String, body: Data? = nil) async throws -> (Int, Data) {
        guard let url = URL(string: baseURL + path) else { throw PeerError(message: "bad URL \(path)") }
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// Kills the peer and its `timeout` wrapper. SIGKILL to the wrapper's process group
    /// (`timeout` makes itself a group leader): a SIGTERM may sit blocked, because a spawned
    /// child inherits the test runner's signal mask.
    func stop() {
        if process.isRunning {
            kill(-process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    private func waitUntilReady(_ path: String) async throws {
        // The first start may install the Debian package: allow for it.
        let deadline = Date().addingTimeInterval(240)
        while Date() < deadline {
            guard process.isRunning else { throw PeerError(message: "\(name) exited: \(log)") }
            if let (status, _) = try? await request("GET", path), status == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw PeerError(message: "\(name) not ready within 240 s: \(log)")
    }

    /// A port the kernel just handed out on 127.0.0.1 (bound to 0, read back, released).
    private static func freePort() throws -> Int {
        do {
            return try OperatorProcess.freePort()
        } catch {
            throw PeerError(message: "\(error)")
        }
    }
}

struct PeerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
