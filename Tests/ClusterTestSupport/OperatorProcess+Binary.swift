import Foundation

extension OperatorProcess {
    /// The root of the Swift package (three levels above this file).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `ballast` executable: `BALLAST_BINARY` when set, else
    /// `<package root>/.build/debug/ballast`.
    /// - Throws: ``OperatorProcessError/binaryMissing(_:)`` naming the path looked at and how to
    ///   build it.
    public static func binary() throws(OperatorProcessError) -> URL {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["BALLAST_BINARY"].flatMap { $0.isEmpty ? nil : $0 }
            ?? packageRoot.appendingPathComponent(".build/debug/ballast").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw .binaryMissing(path)
        }
        return URL(fileURLWithPath: path)
    }
}

/// Why an ``OperatorProcess`` could not be used; every case says what to look at.
public enum OperatorProcessError: Error, CustomStringConvertible {
    /// No executable `ballast` at the path.
    case binaryMissing(String)
    /// The process could not be spawned.
    case spawnFailed(String)
    /// The process exited while the harness waited for it to become ready; the log's tail.
    case exitedEarly(status: OperatorExit, log: String)
    /// `/readyz` did not answer 200 in time; the log's tail.
    case notReady(seconds: Double, log: String)
    /// The process did not exit in time.
    case stillRunning(seconds: Double, log: String)
    /// An HTTP call to the operator failed.
    case http(String)

    public var description: String {
        switch self {
        case .binaryMissing(let path):
            return "no ballast executable at \(path): run `swift build --product ballast` first (hack/test.sh does), or set BALLAST_BINARY"
        case .spawnFailed(let message):
            return "could not start ballast: \(message)"
        case .exitedEarly(let status, let log):
            return "ballast run exited (\(status)) before /readyz answered 200; its log ends with:\n\(log)"
        case .notReady(let seconds, let log):
            return "ballast run did not become ready within \(seconds) s; its log ends with:\n\(log)"
        case .stillRunning(let seconds, let log):
            return "ballast run did not exit within \(seconds) s; its log ends with:\n\(log)"
        case .http(let message):
            return message
        }
    }
}

/// How an operator process ended.
public struct OperatorExit: Sendable, Hashable, CustomStringConvertible {
    /// The exit status, or the signal number when ``signaled``.
    public var status: Int32
    /// Whether the process was ended by a signal.
    public var signaled: Bool

    /// An exit with `status`, by a signal when `signaled`.
    public init(status: Int32, signaled: Bool) {
        self.status = status
        self.signaled = signaled
    }

    /// A clean exit with status 0.
    public static let success = OperatorExit(status: 0, signaled: false)

    /// Whether `signal` ended it, directly or as reported by the `timeout` wrapper (128 + n).
    public func killed(by signal: Int32) -> Bool {
        (signaled && status == signal) || (!signaled && status == 128 + signal)
    }

    public var description: String { signaled ? "signal \(status)" : "exit status \(status)" }
}
