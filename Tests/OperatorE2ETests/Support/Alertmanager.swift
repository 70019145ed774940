import ClusterTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real Alertmanager (Debian's prometheus-alertmanager) on a free loopback port, started by
/// `hack/alertmanager.sh run`, routing every alert to an operator's receiver with the
/// operator's bearer token file. Bounded by `timeout`; ``stop()`` (or `deinit`) kills it.
final class Alertmanager: Sendable {
    let port: Int
    let directory: URL
    private let process: Process

    /// Starts Alertmanager delivering to `webhookURL` with the token in `tokenFile`, and waits
    /// until `/-/ready` answers (the first start may install the package: up to 240 s).
    init(webhookURL: String, tokenFile: String, lifetimeSeconds: Int = 180) async throws {
        port = try OperatorProcess.freePort()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-alertmanager-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("alertmanager.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw AlertmanagerError(message: "cannot create \(log.path)")
        }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let script = OperatorProcess.packageRoot.appendingPathComponent("hack/alertmanager.sh").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [String(lifetimeSeconds), script, "run", directory.path, webhookURL, tokenFile, String(port)]
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try await waitUntilReady()
    }

    /// What Alertmanager printed, for failure messages.
    var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("alertmanager.log"), encoding: .utf8)) ?? ""
    }

    /// Posts alerts to Alertmanager's API v2 (`POST /api/v2/alerts`), as Prometheus does.
    func post(_ alerts: [[String: Any]]) async throws {
        let body = try JSONSerialization.data(withJSONObject: alerts)
        let (status, text) = try await OperatorProcess.http("POST", "http://127.0.0.1:\(port)/api/v2/alerts", json: body)
        guard status == 200 else { throw AlertmanagerError(message: "POST /api/v2/alerts answered \(status): \(text)") }
    }

    /// The fingerprints of the alerts Alertmanager holds (`GET /api/v2/alerts`).
    func fingerprints() async throws -> [String] {
        let (_, text) = try await OperatorProcess.http("GET", "http://127.0.0.1:\(port)/api/v2/alerts")
        let alerts = (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]) ?? []
        return alerts.compactMap { $0["fingerprint"] as? String }
    }

    /// Kills Alertmanager and its `timeout` wrapper (their process group) and removes its folder.
    func stop() {
        if process.isRunning {
            kill(-process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    private func waitUntilReady() async throws {
        let deadline = Date().addingTimeInterval(240)
        while Date() < deadline {
            guard process.isRunning else { throw AlertmanagerError(message: "alertmanager exited: \(log)") }
            if try await OperatorProcess.http("GET", "http://127.0.0.1:\(port)/-/ready").0 == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw AlertmanagerError(message: "alertmanager not ready within 240 s: \(log)")
    }
}

/// Alertmanager could not be started or refused a call.
struct AlertmanagerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
