import KubeClient
import Synchronization
import Testing
@testable import BallastOperator

/// Which failures of the receiver's timeline are tried again, and when.
@Suite struct TimelineRetryTests {
    static func failure(_ code: KubeError.Code, retryAfter: Duration? = nil) -> KubeError {
        KubeError(code: code, message: "scripted \(code.rawValue)", retryAfter: retryAfter)
    }

    @Test(arguments: KubeError.Code.allCases)
    func onlyFailuresAnotherAttemptMayCureAreRetried(code: KubeError.Code) {
        let retried = TimelineRetry().delay(afterFailedAttempts: 1, error: Self.failure(code)) != nil
        #expect(retried == [.timeout, .tooManyRequests, .serverError, .transport].contains(code), "\(code)")
    }

    @Test func thePauseDoublesUpToTheCapAndHonoursRetryAfterWithinIt() {
        let retry = TimelineRetry()
        let pauses = (1...7).map { retry.delay(afterFailedAttempts: $0, error: Self.failure(.transport)) }
        #expect(pauses == [.milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600), .seconds(2), .seconds(2), .seconds(2)])
        #expect(retry.delay(afterFailedAttempts: 1, error: Self.failure(.tooManyRequests, retryAfter: .seconds(1))) == .seconds(1))
        #expect(retry.delay(afterFailedAttempts: 1, error: Self.failure(.tooManyRequests, retryAfter: .seconds(30))) == .seconds(2))
        #expect(retry.delay(afterFailedAttempts: 3, error: Self.failure(.tooManyRequests, retryAfter: .milliseconds(10))) == .milliseconds(800))
    }

    @Test func transientFailuresAreRetriedUntilTheCallSucceedsAndEachRetryIsReported() async throws {
        let calls = Mutex(0)
        let reported = Mutex<[KubeError.Code]>([])
        let retry = TimelineRetry(firstDelay: .milliseconds(1), maxDelay: .milliseconds(4))
        let value = try await retry.run(onRetry: { error, _ in reported.withLock { $0.append(error.code) } }) { () throws(KubeError) -> String in
            let call = calls.withLock { count in
                count += 1
                return count
            }
            switch call {
            case 1: throw Self.failure(.transport)
            case 2: throw Self.failure(.serverError)
            default: return "written"
            }
        }
        #expect(value == "written")
        #expect(calls.withLock { $0 } == 3)
        #expect(reported.withLock { $0 } == [.transport, .serverError])
    }

    @Test func aFailureNotWorthRetryingIsThrownAtOnce() async {
        let calls = Mutex(0)
        await #expect(throws: KubeError.self) {
            try await TimelineRetry(firstDelay: .milliseconds(1)).run { () throws(KubeError) -> Int in
                calls.withLock { $0 += 1 }
                throw Self.failure(.forbidden)
            }
        }
        #expect(calls.withLock { $0 } == 1)
    }

    /// The retries never end by themselves; the task's cancellation (the receiver's timeout)
    /// ends them, and the caller gets the last failure. (Were they to go on, `task.result` would
    /// never come and the suite's time limit would fail the test.)
    @Test(.timeLimit(.minutes(1)))
    func cancellingTheTaskEndsTheRetriesWithTheLastFailure() async {
        let calls = Mutex(0)
        let task = Task { () throws(KubeError) -> Int in
            try await TimelineRetry(firstDelay: .milliseconds(5), maxDelay: .milliseconds(5)).run { () throws(KubeError) -> Int in
                calls.withLock { $0 += 1 }
                throw Self.failure(.timeout)
            }
        }
        // Cancel once the loop is retrying, however slow the machine is.
        while calls.withLock({ $0 }) < 2 { try? await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        let result = await task.result
        #expect(throws: KubeError.self) { try result.get() }
        if case .failure(let error) = result { #expect((error as? KubeError)?.code == .timeout) }
    }
}
