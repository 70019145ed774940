import Foundation

/// What a finished command printed and how it exited.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// A command that exited non-zero, with everything it printed.
public struct CommandFailure: Error, CustomStringConvertible {
    public let command: String
    public let result: CommandResult
    public var description: String {
        "\(command) exited \(result.status): \(result.stderr.isEmpty ? result.stdout : result.stderr)"
    }
}

/// Runs external programs (kubectl, hack scripts) for tests.
public enum Command {
    /// Runs `program` (looked up on `PATH` unless it contains a slash) with `arguments`,
    /// feeding `input` on standard input, and waits for it to exit.
    /// `environment` entries are added to the current environment.
    public static func run(
        _ program: String, _ arguments: [String], environment: [String: String] = [:],
        input: String? = nil
    ) throws -> CommandResult {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
        }
        try stdin.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a chatty command cannot fill a pipe
        // buffer and deadlock.
        let errorData = LockedData()
        let errorReader = Thread {
            errorData.set(stderr.fileHandleForReading.readDataToEndOfFile())
        }
        errorReader.start()
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData.value, as: UTF8.self))
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}
