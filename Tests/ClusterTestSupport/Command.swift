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
///
/// Waiting for a program blocks a thread, so it never happens on the test process's
/// cooperative pool (two threads on a two-core machine: two tests waiting for kubectl there
/// would stall every other test's async work, timers included). ``run(_:_:environment:input:)``
/// waits on a thread of its own; ``start(_:_:environment:)`` does not wait at all.
public enum Command {
    /// Runs `program` (looked up on `PATH` unless it contains a slash) with `arguments`,
    /// feeding `input` on standard input, and waits — on a dedicated thread — for it to exit.
    /// `environment` entries are added to the current environment.
    public static func run(
        _ program: String, _ arguments: [String], environment: [String: String] = [:],
        input: String? = nil
    ) async throws -> CommandResult {
        await slots.acquire()
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<CommandResult, any Error>, Never>) in
            Thread {
                continuation.resume(returning: Result { try runBlocking(program, arguments, environment: environment, input: input) })
            }.start()
        }
        await slots.release()
        return try result.get()
    }

    /// At most two commands per core run at once: hundreds of parallel tests each starting
    /// kubectl would otherwise fork dozens of processes together and starve the machine
    /// (waiting for a slot suspends, it blocks no thread).
    static let slots = CommandSlots(ProcessInfo.processInfo.activeProcessorCount * 2)

    /// Starts `program` and returns at once, leaving it to finish by itself (cleanup that
    /// nobody waits for, e.g. deleting a test namespace from a `defer`).
    public static func start(_ program: String, _ arguments: [String], environment: [String: String] = [:]) {
        let process = makeProcess(program, arguments, environment: environment)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }

    private static func makeProcess(_ program: String, _ arguments: [String], environment: [String: String]) -> Process {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        return process
    }

    private static func runBlocking(
        _ program: String, _ arguments: [String], environment: [String: String], input: String?
    ) throws -> CommandResult {
        let process = makeProcess(program, arguments, environment: environment)
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

/// A counting semaphore for ``Command``: ``acquire()`` suspends (in arrival order) while every
/// slot is taken.
actor CommandSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = max(count, 1) }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
