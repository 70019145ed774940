/// Thrown by ``withDeadline(_:operation:)`` when the operation did not finish in time.
struct DeadlineExceeded: Error, CustomStringConvertible {
    let limit: Duration
    var description: String { "did not finish within \(limit)" }
}

/// Runs `operation`, cancelling it and throwing ``DeadlineExceeded`` after `limit`.
///
/// Structured: the operation runs as a child task and is cancelled (not abandoned) on timeout,
/// so it must honour cancellation to let this return promptly.
func withDeadline<Result: Sendable>(
    _ limit: Duration, operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else {
            throw DeadlineExceeded(limit: limit)
        }
        return result
    }
}
