import ClusterTestSupport
import Foundation

/// The repository checkout the install tests read (config/, charts/, Dockerfile), located from
/// this source file so the tests work from any working directory.
enum Checkout {
    /// The root: this file is `Tests/InstallTests/Support/Checkout.swift`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Absolute path of `relative`.
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The text of the file at `relative`.
    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// Names of the files in the directory `relative` whose names end in `suffix`, sorted.
    static func fileNames(in relative: String, suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(relative)).filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The path of `target` relative to `directory` (kustomize refuses absolute resource paths).
    static func relativePath(from directory: URL, to target: String) -> String {
        let up = directory.standardizedFileURL.pathComponents.dropFirst().map { _ in ".." }
        return (up + [String(target.drop { $0 == "/" })]).joined(separator: "/")
    }

    /// Runs a command and throws unless it exits 0.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> CommandResult {
        let result = try await Command.run(program, arguments, environment: environment)
        guard result.status == 0 else {
            throw CommandFailed(command: ([program] + arguments).joined(separator: " "), result: result)
        }
        return result
    }
}

/// A command that exited non-zero, with what it printed.
struct CommandFailed: Error, CustomStringConvertible {
    let command: String
    let result: CommandResult
    var description: String { "\(command) exited \(result.status): \(result.stderr)\(result.stdout)" }
}
