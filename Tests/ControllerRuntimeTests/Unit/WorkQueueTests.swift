import Synchronization
import Testing
@testable import ControllerRuntime

/// Tracks which keys are in flight and fails the test on overlap.
final class Exclusivity: Sendable {
    private let state = Mutex<(inFlight: Set<Int>, overlaps: Int, runs: [Int: Int])>(([], 0, [:]))
    func begin(_ key: Int) {
        state.withLock { state in
            if !state.inFlight.insert(key).inserted { state.overlaps += 1 }
            state.runs[key, default: 0] += 1
        }
    }
    func end(_ key: Int) { state.withLock { _ = $0.inFlight.remove(key) } }
    func count(_ key: Int) { state.withLock { $0.runs[key, default: 0] += 1 } }
    var overlaps: Int { state.withLock { $0.overlaps } }
    var runs: [Int: Int] { state.withLock { $0.runs } }
}

@Suite("WorkQueue: concurrent workers")
struct WorkQueueTests {
    @Test func manyWorkersNeverProcessOneKeyTwiceAtOnce() async {
        let queue = WorkQueue<Int>()
        let tracker = Exclusivity()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    while let key = await queue.next() {
                        tracker.begin(key)
                        await Task.yield()
                        tracker.end(key)
                        queue.done(key, .success)
                    }
                }
            }
            for round in 0..<200 {
                queue.add(round % 5)
                if round % 20 == 0 { await Task.yield() }
            }
            while queue.snapshot != WorkQueueSnapshot(ready: 0, delayed: 0, processing: 0) {
                try? await Task.sleep(for: .milliseconds(1))
            }
            queue.shutDown()
        }
        #expect(tracker.overlaps == 0)
        #expect(Set(tracker.runs.keys) == [0, 1, 2, 3, 4])
        // 200 adds of 5 keys are coalesced into far fewer runs.
        #expect(tracker.runs.values.reduce(0, +) < 200)
    }

    @Test func aKeyAddedWhileProcessingRunsOnceMoreAfterwards() async throws {
        let queue = WorkQueue<String>()
        queue.add("a")
        let first = await queue.next()
        #expect(first == "a")
        queue.add("a")
        queue.add("a")
        queue.done("a", .success)
        let second = await queue.next()
        #expect(second == "a")
        queue.done("a", .success)
        #expect(queue.snapshot == WorkQueueSnapshot(ready: 0, delayed: 0, processing: 0))
    }

    @Test func aWaitingWorkerWakesForADelayedRetry() async {
        let queue = WorkQueue<String>()
        queue.add("a")
        _ = await queue.next()
        queue.done("a", .requeue(after: .milliseconds(50)))
        let started = ContinuousClock.now
        let key = await queue.next()
        let waited = ContinuousClock.now - started
        #expect(key == "a")
        #expect(waited >= .milliseconds(45))
        #expect(queue.failureCount("a") == 0)
    }

    @Test func shutdownWakesEveryWaitingWorker() async {
        let queue = WorkQueue<String>()
        let finished = Exclusivity()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let key = await queue.next()
                    #expect(key == nil)
                    finished.count(0)
                }
            }
            try? await Task.sleep(for: .milliseconds(20))
            queue.shutDown()
        }
        #expect(finished.runs[0] == 4)
        #expect(queue.add("b") == .shutDown)
    }

    @Test func cancellingAWaitingWorkerReturnsNil() async {
        let queue = WorkQueue<String>()
        let task = Task { await queue.next() }
        try? await Task.sleep(for: .milliseconds(20))
        task.cancel()
        let key = await task.value
        #expect(key == nil)
        #expect(queue.add("a") == .queued)
    }
}
