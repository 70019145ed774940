import Testing
@testable import ControllerRuntime

@Suite("ReflectorMachine: list/watch decisions without a network")
struct ReflectorMachineTests {
    let t0 = ContinuousClock.now

    @Test func listsThenWatchesWithARandomizedTimeout() {
        var random = SeededRandom(seed: 1)
        var timeouts = Set<Int>()
        for _ in 0..<50 {
            var machine = ReflectorMachine()
            #expect(machine.start() == .list)
            guard case .watch(let version, let timeout) = machine.listSucceeded(resourceVersion: "10", using: &random) else {
                Issue.record("expected a watch"); return
            }
            #expect(version == "10")
            #expect((300...600).contains(timeout))
            timeouts.insert(timeout)
        }
        #expect(timeouts.count > 10)
    }

    @Test func resumesFromTheLastSeenVersionAfterATimeoutOrAFailure() {
        var random = SeededRandom(seed: 2)
        var machine = ReflectorMachine()
        _ = machine.start()
        _ = machine.listSucceeded(resourceVersion: "10", using: &random)
        machine.observed(resourceVersion: "12")
        machine.observed(resourceVersion: "15")
        guard case .watch("15", _) = machine.watchEnded(using: &random) else { Issue.record("no resume"); return }
        guard case .sleep = machine.failed(.transient("connection reset"), now: t0, using: &random) else {
            Issue.record("no backoff"); return
        }
        guard case .watch("15", _) = machine.backoffElapsed(using: &random) else { Issue.record("no re-watch"); return }
    }

    @Test func expiredRelistsAtOnceWithoutBackoff() {
        var random = SeededRandom(seed: 3)
        var machine = ReflectorMachine()
        _ = machine.start()
        _ = machine.listSucceeded(resourceVersion: "10", using: &random)
        #expect(machine.failed(.expired, now: t0, using: &random) == .list)
        #expect(machine.resourceVersion == nil)
        #expect(machine.failureCount == 0)
    }

    @Test func tooManyRequestsBacksOffAtLeastRetryAfterAndDoesNotRelist() {
        var random = SeededRandom(seed: 4)
        var machine = ReflectorMachine()
        _ = machine.start()
        _ = machine.listSucceeded(resourceVersion: "7", using: &random)
        guard case .sleep(let delay) = machine.failed(.tooManyRequests(retryAfter: .seconds(5)), now: t0, using: &random) else {
            Issue.record("no backoff"); return
        }
        #expect(delay >= .seconds(5))
        guard case .watch("7", _) = machine.backoffElapsed(using: &random) else { Issue.record("relisted"); return }
    }

    @Test func backoffGrowsFrom800msTo30sWithJitterAndResetsAfterAHealthyPeriod() {
        var random = SeededRandom(seed: 5)
        var machine = ReflectorMachine()
        _ = machine.start()
        var delays: [Duration] = []
        var now = t0
        for _ in 0..<10 {
            guard case .sleep(let delay) = machine.failed(.transient("refused"), now: now, using: &random) else { return }
            delays.append(delay)
            now = now + delay
            #expect(machine.backoffElapsed(using: &random) == .list)
        }
        #expect(delays[0] >= .milliseconds(800) && delays[0] <= .milliseconds(1600))
        #expect(delays[1] >= .milliseconds(1600) && delays[1] <= .milliseconds(3200))
        #expect(delays.allSatisfy { $0 <= .seconds(60) })
        #expect(delays.last.map { $0 >= .seconds(30) } == true)
        guard case .sleep(let afterRest) = machine.failed(.transient("refused"), now: now + .seconds(121), using: &random) else { return }
        #expect(afterRest <= .milliseconds(1600))
    }

    @Test func withoutJitterTheScheduleIsExact() {
        var random = SeededRandom(seed: 6)
        var machine = ReflectorMachine(configuration: ReflectorConfiguration(jitter: 0))
        _ = machine.start()
        let delays = (0..<8).map { step -> Duration in
            guard case .sleep(let delay) = machine.failed(.transient("x"), now: t0 + .seconds(step), using: &random) else { return .zero }
            return delay
        }
        #expect(delays == [.milliseconds(800), .milliseconds(1600), .milliseconds(3200), .milliseconds(6400),
                           .milliseconds(12800), .milliseconds(25600), .seconds(30), .seconds(30)])
    }

    @Test func bookmarksAdvanceTheVersionOnlyWhileWatching() {
        var random = SeededRandom(seed: 7)
        var machine = ReflectorMachine()
        machine.observed(resourceVersion: "99")
        #expect(machine.resourceVersion == nil)
        _ = machine.start()
        _ = machine.listSucceeded(resourceVersion: "5", using: &random)
        machine.observed(resourceVersion: "")
        #expect(machine.resourceVersion == "5")
    }
}
