import ClusterTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real Alertmanager (Debian's prometheus-alertmanager) on loopback, started by
/// `hack/alertmanager.sh run`, routing every alert to a webhook URL with a bearer token file.
///
/// Bounded: the process runs under `timeout`, so it stops by itself even if the test runner
/// dies; ``stop()`` ends it earlier.
final class RealAlertmanager: @unchecked Sendable {
    static let script = ReceiverCluster.repositoryRoot.appendingPathComponent("hack/alertmanager.sh").path

    let port: Int
    let directory: URL
    private let process = Process()

    /// Installs Alertmanager when missing (idempotent), then starts it; returns once it is ready.
    init(webhookURL: String, tokenFile: String, lifetimeSeconds: Int = 120) throws {
        let install = try Command.run(Self.script, ["install"])
        guard install.status == 0 else {
            throw AlertmanagerError(message: "\(Self.script) install exited \(install.status): \(install.stderr)")
        }
        port = try Self.freePort()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-alertmanager-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("alertmanager.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw AlertmanagerError(message: "cannot create \(log.path)")
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [String(lifetimeSeconds), Self.script, "run", directory.path, webhookURL, tokenFile, String(port)]
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try waitUntilReady()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// What Alertmanager printed, for failure messages.
    var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("alertmanager.log"), encoding: .utf8)) ?? ""
    }

    /// Posts alerts to Alertmanager's API v2 (`POST /api/v2/alerts`).
    func post(alerts: [[String: Any]]) async throws {
        let status = try await request("POST", "/api/v2/alerts", body: JSONSerialization.data(withJSONObject: alerts)).0
        guard status == 200 else { throw AlertmanagerError(message: "POST /api/v2/alerts answered \(status)") }
    }

    /// The alerts Alertmanager holds (`GET /api/v2/alerts`), as JSON objects.
    func alerts() async throws -> [[String: Any]] {
        let (_, data) = try await request("GET", "/api/v2/alerts", body: nil)
        return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    }

    /// Kills Alertmanager and its `timeout` wrapper. SIGKILL to the wrapper's process group
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

    private func waitUntilReady() throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard process.isRunning else { throw AlertmanagerError(message: "Alertmanager exited: \(log)") }
            if let url = URL(string: "\(baseURL)/-/ready"), (try? Data(contentsOf: url)) != nil { return }
            usleep(200_000)
        }
        throw AlertmanagerError(message: "Alertmanager not ready within 30 s: \(log)")
    }

    private func request(_ method: String, _ path: String, body: Data?) async throws -> (Int, Data) {
        guard let url = URL(string: baseURL + path) else { throw AlertmanagerError(message: "bad URL \(path)") }
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = method
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// A port the kernel just handed out on 127.0.0.1 (bound to 0, read back, released).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw AlertmanagerError(message: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw AlertmanagerError(message: "could not bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct AlertmanagerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
