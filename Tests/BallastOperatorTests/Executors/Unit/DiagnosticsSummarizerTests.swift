import Foundation
import KubeTypes
import Testing

@testable import BallastOperator

@Suite struct DiagnosticsSummarizerTests {
    func event(_ name: String, at seconds: TimeInterval?, message: String = "m") -> Event {
        var event = Event(metadata: ObjectMeta(name: name, namespace: "shop"), involvedObject: ObjectReference(kind: "Pod", name: "web-1"))
        event.lastTimestamp = seconds.map { Date(timeIntervalSince1970: $0) }
        event.reason = "BackOff"
        event.message = message
        return event
    }

    @Test func ordersEventsNewestFirstAndBoundsThem() {
        let events = [event("a", at: 10), event("b", at: 30), event("c", at: nil), event("d", at: 20)]
        let summary = DiagnosticsSummarizer.summarize(
            target: "Deployment shop/web", events: events, pods: [], logs: [], notes: [],
            bounds: DiagnosticsBounds(maxEvents: 2))
        #expect(summary.events.map(\.lastSeen) == [Date(timeIntervalSince1970: 30), Date(timeIntervalSince1970: 20)])
        #expect(summary.notes == ["2 older events left out"])
    }

    @Test func leavesOutEventsOlderThanSince() {
        let events = [event("a", at: 10), event("b", at: 30), event("c", at: nil)]
        let summary = DiagnosticsSummarizer.summarize(
            target: "t", events: events, pods: [], logs: [], notes: [], since: Date(timeIntervalSince1970: 20),
            bounds: DiagnosticsBounds())
        #expect(summary.events.map(\.lastSeen) == [Date(timeIntervalSince1970: 30), nil])
    }

    @Test func cutsLongMessagesAndLogLines() {
        let long = String(repeating: "x", count: 500)
        let summary = DiagnosticsSummarizer.summarize(
            target: "t", events: [event("a", at: 1, message: long)], pods: [],
            logs: [DiagnosticsLog(pod: "p", container: "c", lines: (0..<30).map { "line \($0) " + long })], notes: [],
            bounds: DiagnosticsBounds(maxLogLines: 5, maxMessageLength: 100))
        #expect(summary.events.first?.message.count == 101)
        #expect(summary.logs.first?.lines.count == 5)
        #expect(summary.logs.first?.lines.first?.hasPrefix("line 25 ") == true)
    }

    @Test func describesContainerStatesAndLastTermination() {
        var status = PodStatus()
        status.phase = "Running"
        var container = ContainerStatus(name: "app", ready: false, restartCount: 4)
        container.state = ContainerState(waiting: .init(reason: "CrashLoopBackOff"))
        container.lastState = ContainerState(terminated: .init(exitCode: 137, reason: "OOMKilled"))
        status.containerStatuses = [container]
        let summary = DiagnosticsSummarizer.summary(of: Pod(metadata: ObjectMeta(name: "web-1"), status: status))
        #expect(summary.containers == [
            DiagnosticsContainer(name: "app", ready: false, restartCount: 4, state: "Waiting: CrashLoopBackOff", lastTermination: "OOMKilled (exit 137)"),
        ])
    }
}
