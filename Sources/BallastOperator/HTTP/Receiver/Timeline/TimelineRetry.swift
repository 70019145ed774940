import ControllerRuntime
import KubeClient

/// When the receiver's timeline calls a failed call again (pure).
///
/// Only failures a new attempt may cure are retried: a timeout, 429, any other 5xx, and a call
/// that got no answer (connection refused or broken: an API server restarting). Conflicts are
/// the ledger's own business (it re-reads and recomputes); everything else (403, 404, 422, …)
/// would fail the same way again. The pause doubles from ``firstDelay`` up to ``maxDelay``; a
/// 429's `Retry-After` is honoured up to ``maxDelay``. There is no attempt limit: the receiver's
/// timeout cancels the retries, so a notification is never held longer than it allows.
public struct TimelineRetry: Sendable, Hashable {
    /// The pauses: doubling from the first, capped.
    public var backoff: ExponentialFailureBackoff
    /// The first pause.
    public var firstDelay: Duration { backoff.base }
    /// The longest pause.
    public var maxDelay: Duration { backoff.cap }

    /// A policy; the defaults give 0.2, 0.4, 0.8, 1.6, 2, 2, … s.
    public init(firstDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(2)) {
        backoff = ExponentialFailureBackoff(base: firstDelay, cap: maxDelay)
    }

    /// The error codes worth another attempt.
    public static let transientCodes: Set<KubeError.Code> = [.timeout, .tooManyRequests, .serverError, .transport]

    /// The pause before attempt `failed + 1` after `failed` attempts (≥ 1) ended in `error`, or
    /// `nil` when the error is not transient.
    public func delay(afterFailedAttempts failed: Int, error: KubeError) -> Duration? {
        guard Self.transientCodes.contains(error.code) else { return nil }
        let delay = backoff.delay(previousFailures: failed - 1)
        return min(max(delay, error.retryAfter ?? .zero), maxDelay)
    }

    /// Runs `body` until it succeeds, fails with an error this policy does not retry, or the
    /// task is cancelled (then the last error is thrown). `onRetry` hears each error that will
    /// be retried, with the pause.
    public func run<Value>(
        onRetry: (KubeError, Duration) -> Void = { _, _ in }, _ body: () async throws(KubeError) -> Value
    ) async throws(KubeError) -> Value {
        var failed = 0
        while true {
            do throws(KubeError) {
                return try await body()
            } catch {
                let failure = error
                failed += 1
                guard !Task.isCancelled, let pause = delay(afterFailedAttempts: failed, error: failure) else { throw failure }
                onRetry(failure, pause)
                do {
                    try await Task.sleep(for: pause)
                } catch {
                    throw failure
                }
            }
        }
    }
}
