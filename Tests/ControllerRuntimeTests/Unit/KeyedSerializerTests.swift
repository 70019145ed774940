import Synchronization
import Testing
@testable import ControllerRuntime

@Suite("KeyedSerializer: one operation per key at a time, in arrival order")
struct KeyedSerializerTests {
    struct Refused: Error, Equatable { var step: Int }

    /// The steps that ran, in the order they ran.
    final class Steps: Sendable {
        private let ran = Mutex<[Int]>([])
        func append(_ step: Int) { ran.withLock { $0.append(step) } }
        var all: [Int] { ran.withLock { $0 } }
    }

    @Test func operationsOnOneKeyNeverOverlapAndAllRun() async {
        let serializer = KeyedSerializer<Int>()
        let tracker = Exclusivity()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<120 {
                group.addTask {
                    let key = index % 3
                    await serializer.run(key) {
                        tracker.begin(key)
                        await Task.yield()
                        tracker.end(key)
                    }
                }
            }
        }
        #expect(tracker.overlaps == 0)
        #expect(tracker.runs == [0: 40, 1: 40, 2: 40])
        for key in 0..<3 { #expect(serializer.waiters(on: key) == nil, "key \(key) is still held") }
    }

    @Test func waitersRunInArrivalOrder() async throws {
        let serializer = KeyedSerializer<String>()
        let release = Latch()
        let order = Steps()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await serializer.run("history") {
                    await release.wait()
                    order.append(1)
                }
            }
            try await Self.waitUntil { serializer.waiters(on: "history") == 0 }
            for step in 2...6 {
                group.addTask { await serializer.run("history") { order.append(step) } }
                try await Self.waitUntil { serializer.waiters(on: "history") == step - 1 }
            }
            #expect(order.all.isEmpty, "nothing runs while the first operation holds the key")
            release.open()
            try await group.waitForAll()
        }
        #expect(order.all == [1, 2, 3, 4, 5, 6])
        #expect(serializer.waiters(on: "history") == nil)
    }

    @Test func differentKeysRunConcurrently() async throws {
        let serializer = KeyedSerializer<String>()
        let secondRan = Latch()
        // The first operation only finishes once an operation on another key has run: with a
        // single queue for every key this would wait for the deadline and fail.
        let sawSecond = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                await serializer.run("a") {
                    await withTaskGroup(of: Bool.self) { race in
                        race.addTask { await secondRan.wait(); return true }
                        race.addTask { try? await Task.sleep(for: .seconds(10)); return false }
                        let first = await race.next() ?? false
                        race.cancelAll()
                        return first
                    }
                }
            }
            try await Self.waitUntil { serializer.waiters(on: "a") == 0 }
            group.addTask { await serializer.run("b") { secondRan.open() }; return true }
            var results: [Bool] = []
            for try await result in group { results.append(result) }
            return results.allSatisfy { $0 }
        }
        #expect(sawSecond)
    }

    @Test func aThrowingOperationPassesTheTurnAndItsErrorToItsCaller() async {
        let serializer = KeyedSerializer<Int>()
        await #expect(throws: Refused(step: 1)) {
            try await serializer.run(7) { () async throws(Refused) -> Int in throw Refused(step: 1) }
        }
        let value = await serializer.run(7) { 42 }
        #expect(value == 42)
        #expect(serializer.waiters(on: 7) == nil)
    }

    /// Polls `condition` every millisecond for at most ten seconds.
    static func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            try #require(ContinuousClock.now < deadline, "condition not reached within 10 s")
            try await Task.sleep(for: .milliseconds(1))
        }
    }
}
