import Testing
@testable import ControllerRuntime

@Suite("WorkQueueState: the pure queue rules")
struct WorkQueueStateTests {
    let t0 = ContinuousClock.now

    private func drain(_ state: inout WorkQueueState<String>, at now: ContinuousClock.Instant) -> [String] {
        var keys: [String] = []
        while case .key(let key) = state.next(now: now) { keys.append(key) }
        return keys
    }

    @Test func duplicateAddsAreCoalesced() {
        var state = WorkQueueState<String>()
        #expect(state.add("a") == .queued)
        #expect(state.add("a") == .coalesced)
        #expect(state.add("b") == .queued)
        #expect(drain(&state, at: t0) == ["a", "b"])
    }

    @Test func aKeyIsNeverHandedOutTwiceWhileProcessing() {
        var state = WorkQueueState<String>()
        state.add("a")
        #expect(state.next(now: t0) == .key("a"))
        #expect(state.add("a") == .queued)
        #expect(state.add("a") == .coalesced)
        #expect(state.next(now: t0) == .wait(until: nil))
        state.done("a", .success, now: t0)
        #expect(state.next(now: t0) == .key("a"))
        state.done("a", .success, now: t0)
        #expect(state.next(now: t0) == .wait(until: nil))
    }

    @Test func failuresBackOffExponentiallyAndResetOnSuccess() throws {
        var state = WorkQueueState<String>(configuration: WorkQueueConfiguration(bucket: TokenBucket(ratePerSecond: 1000, burst: 1000)))
        var now = t0
        var delays: [Duration] = []
        state.add("a")
        for _ in 0..<5 {
            #expect(state.next(now: now) == .key("a"))
            state.done("a", .failure, now: now)
            guard case .wait(let due?) = state.next(now: now) else {
                Issue.record("expected a delayed retry")
                return
            }
            delays.append(due - now)
            now = due
        }
        #expect(delays == [.milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(40), .milliseconds(80)])
        #expect(state.failureCount("a") == 5)
        #expect(state.next(now: now) == .key("a"))
        state.done("a", .success, now: now)
        #expect(state.failureCount("a") == 0)
        state.add("a")
        #expect(state.next(now: now) == .key("a"))
        state.done("a", .failure, now: now)
        #expect(state.next(now: now) == .wait(until: now + .milliseconds(5)))
    }

    @Test func eventsDoNotBypassAFailureBackoff() {
        var state = WorkQueueState<String>()
        state.add("a")
        _ = state.next(now: t0)
        state.done("a", .failure, now: t0)
        #expect(state.add("a") == .coalesced)
        #expect(state.next(now: t0) == .wait(until: t0 + .milliseconds(5)))
        #expect(state.next(now: t0 + .milliseconds(5)) == .key("a"))
        #expect(state.failureCount("a") == 1)
    }

    @Test func anEventDuringAFailedRunIsCoveredByTheRetry() {
        var state = WorkQueueState<String>()
        state.add("a")
        _ = state.next(now: t0)
        state.add("a")
        state.done("a", .failure, now: t0)
        #expect(state.next(now: t0) == .wait(until: t0 + .milliseconds(5)))
        #expect(drain(&state, at: t0 + .seconds(1)) == ["a"])
    }

    @Test func requeueAfterDoesNotInflateFailuresAndAnEarlierEventSupersedesIt() {
        var state = WorkQueueState<String>()
        state.add("a")
        _ = state.next(now: t0)
        state.done("a", .failure, now: t0)
        _ = state.next(now: t0 + .seconds(1))
        state.done("a", .requeue(after: .seconds(30)), now: t0 + .seconds(1))
        #expect(state.failureCount("a") == 0)
        #expect(state.next(now: t0 + .seconds(2)) == .wait(until: t0 + .seconds(31)))
        #expect(state.add("a") == .queued)
        #expect(state.next(now: t0 + .seconds(2)) == .key("a"))
        state.done("a", .success, now: t0 + .seconds(2))
        #expect(state.next(now: t0 + .seconds(40)) == .wait(until: nil))
    }

    @Test func addAfterKeepsTheEarliestDueTime() {
        var state = WorkQueueState<String>()
        #expect(state.add("a", after: .seconds(10), now: t0) == .delayed)
        #expect(state.add("a", after: .seconds(20), now: t0) == .coalesced)
        #expect(state.add("a", after: .seconds(5), now: t0) == .delayed)
        #expect(state.next(now: t0) == .wait(until: t0 + .seconds(5)))
        #expect(drain(&state, at: t0 + .seconds(5)) == ["a"])
        #expect(state.add("b", after: .zero, now: t0) == .queued)
    }

    @Test func theGlobalBucketPacesRetriesOfManyKeys() {
        let config = WorkQueueConfiguration(bucket: TokenBucket(ratePerSecond: 10, burst: 2))
        var state = WorkQueueState<Int>(configuration: config)
        for key in 0..<5 { state.add(key) }
        for key in 0..<5 {
            #expect(state.next(now: t0) == .key(key))
            state.done(key, .failure, now: t0)
        }
        // Two tokens in the bucket, then one every 100 ms: retries are due at 5, 5, 100, 200, 300 ms.
        var due: [Int] = []
        for millis in stride(from: 0, through: 400, by: 5) {
            let keys = drainInts(&state, at: t0 + .milliseconds(millis))
            due += keys.map { _ in millis }
            for key in keys { state.done(key, .success, now: t0 + .milliseconds(millis)) }
        }
        #expect(due == [5, 5, 100, 200, 300])
    }

    private func drainInts(_ state: inout WorkQueueState<Int>, at now: ContinuousClock.Instant) -> [Int] {
        var keys: [Int] = []
        while case .key(let key) = state.next(now: now) { keys.append(key) }
        return keys
    }

    @Test func aFullQueueRejectsNewKeysButKeepsTrackedOnes() {
        var state = WorkQueueState<String>(configuration: WorkQueueConfiguration(capacity: 2))
        #expect(state.add("a") == .queued)
        #expect(state.add("b") == .queued)
        #expect(state.add("c") == .rejectedFull)
        #expect(state.add("a") == .coalesced)
        _ = state.next(now: t0)
        #expect(state.add("a") == .queued)
        state.done("a", .failure, now: t0)
        #expect(state.snapshot == WorkQueueSnapshot(ready: 1, delayed: 1, processing: 0))
    }

    @Test func shutdownStopsHandingOutKeysButAcceptsDone() {
        var state = WorkQueueState<String>()
        state.add("a")
        state.add("b")
        _ = state.next(now: t0)
        state.shutDown()
        #expect(state.next(now: t0) == .shutDown)
        #expect(state.add("c") == .shutDown)
        state.done("a", .success, now: t0)
        #expect(state.snapshot == WorkQueueSnapshot(ready: 0, delayed: 0, processing: 0))
    }

    @Test(arguments: [(0, 5), (1, 10), (3, 40), (18, 1000_000), (40, 1000_000), (70, 1000_000)])
    func backoffDoublesUpToTheCap(previous: Int, expectedMillis: Int64) {
        let backoff = ExponentialFailureBackoff()
        #expect(backoff.delay(previousFailures: previous) == .milliseconds(expectedMillis))
    }

    @Test func tokenBucketAllowsABurstThenPaces() {
        var bucket = TokenBucket(ratePerSecond: 2, burst: 3)
        #expect((0..<3).map { _ in bucket.reserve(at: 0) } == [.zero, .zero, .zero])
        #expect(bucket.reserve(at: 0) == .milliseconds(500))
        #expect(bucket.reserve(at: 0) == .seconds(1))
        #expect(bucket.take(at: 0.5) == false)
        #expect(bucket.take(at: 10) == true)
        #expect(bucket.available(at: 10) == 2)
    }
}
