import BallastAPI
import Foundation
import KubeTypes
import Testing

@testable import BallastOperator

@Suite("Diagnostics: what collect_diagnostics keeps, and what it says it cut")
struct DiagnosticsSummarizerTests {
    static let collectedAt = Date(timeIntervalSince1970: 1_000)

    static func event(_ name: String, at seconds: TimeInterval?, type: String = "Normal", count: Int32 = 1, message: String = "m") -> Event {
        var event = Event(metadata: ObjectMeta(name: name, namespace: "shop"), involvedObject: ObjectReference(kind: "Pod", name: "web-1"))
        event.lastTimestamp = seconds.map { Date(timeIntervalSince1970: $0) }
        event.type = type
        event.reason = "BackOff"
        event.message = message
        event.count = count
        return event
    }

    static func pod(_ name: String, ready: [Bool] = [true], restarts: Int32 = 0, phase: String = "Running") -> Pod {
        let statuses = ready.enumerated().map { index, ready in
            ContainerStatus(name: "c\(index)", ready: ready, restartCount: restarts, state: ContainerState(running: .init()))
        }
        return Pod(metadata: ObjectMeta(name: name), status: PodStatus(phase: phase, containerStatuses: statuses))
    }

    static func summarize(
        events: [Event] = [], pods: [Pod] = [], logs: [DiagnosticsLog] = [], notes: [String] = [], since: Date? = nil,
        bounds: DiagnosticsBounds = DiagnosticsBounds()
    ) -> DiagnosticsStatus {
        DiagnosticsSummarizer.summarize(
            events: events, pods: pods, logs: logs, notes: notes, since: since, collectedAt: collectedAt, bounds: bounds)
    }

    @Test("Events: warnings first, then newest, then most frequent; the rest counted in a note")
    func ordersEventsMostSevereAndNewestFirst() {
        let events = [
            Self.event("a", at: 10), Self.event("b", at: 30), Self.event("c", at: nil, type: "Warning"),
            Self.event("d", at: 20, type: "Warning"), Self.event("e", at: 20, type: "Warning", count: 9),
        ]
        let summary = Self.summarize(events: events, bounds: DiagnosticsBounds(maxEvents: 4))
        #expect(summary.events.map(\.type) == ["Warning", "Warning", "Warning", "Normal"])
        #expect(summary.events.map(\.count) == [9, 1, 1, 1])
        #expect(summary.events.map(\.lastSeen) == [20, 20, nil, 30].map { $0.map { Date(timeIntervalSince1970: $0) } })
        #expect(summary.notes == ["1 more events left out (Normal or older ones)"])
        #expect(summary.collectedAt == Self.collectedAt)
    }

    @Test("Events last seen before sinceSeconds are left out; those without a time are kept")
    func leavesOutEventsOlderThanSince() {
        let events = [Self.event("a", at: 10), Self.event("b", at: 30), Self.event("c", at: nil)]
        let summary = Self.summarize(events: events, since: Date(timeIntervalSince1970: 20))
        #expect(summary.events.map(\.lastSeen) == [Date(timeIntervalSince1970: 30), nil])
        #expect(summary.notes.isEmpty, "filtered by age is not a cut")
    }

    @Test("pods: not ready first, then most restarts, then by name; containers bounded per pod")
    func ordersPodsBySeverity() {
        let pods = [
            Self.pod("a-healthy"), Self.pod("b-restarting", restarts: 3), Self.pod("c-crashing", ready: [false]),
            Self.pod("d-pending", ready: [], phase: "Pending"), Self.pod("e-wide", ready: Array(repeating: true, count: 8)),
        ]
        let summary = Self.summarize(pods: pods, bounds: DiagnosticsBounds(maxPods: 4))
        #expect(summary.pods.map(\.name) == ["c-crashing", "d-pending", "b-restarting", "a-healthy"])
        #expect(summary.notes == ["1 more pods left out (healthier ones, then by name)"])
        let wide = Self.summarize(pods: [pods[4]])
        #expect(wide.pods.first?.containers.count == DiagnosticsLimits.containersPerPod)
        #expect(wide.notes == ["pod e-wide: 2 more containers left out"])
    }

    @Test("container states and the last termination, as a kubelet reports them")
    func describesContainerStatesAndLastTermination() {
        var container = ContainerStatus(name: "app", ready: false, restartCount: 4)
        container.state = ContainerState(waiting: .init(reason: "CrashLoopBackOff"))
        container.lastState = ContainerState(terminated: .init(exitCode: 137, reason: "OOMKilled"))
        let pod = Pod(metadata: ObjectMeta(name: "web-1"), spec: PodSpec(containers: [], nodeName: "worker-1"),
                      status: PodStatus(phase: "Running", containerStatuses: [container]))
        #expect(Self.summarize(pods: [pod]).pods == [
            DiagnosticsPod(name: "web-1", phase: "Running", node: "worker-1", containers: [
                DiagnosticsContainer(name: "app", ready: false, restartCount: 4, state: "Waiting: CrashLoopBackOff", lastTermination: "OOMKilled (exit 137)"),
            ]),
        ])
        #expect(DiagnosticsSummarizer.describe(ContainerState(terminated: .init(exitCode: 1, reason: "Error"))) == "Terminated: Error (exit 1)")
        #expect(DiagnosticsSummarizer.describe(nil) == "Unknown")
    }

    @Test("long texts are cut to their stored bytes with a trailing ellipsis")
    func cutsLongMessages() {
        let summary = Self.summarize(events: [Self.event("a", at: 1, message: String(repeating: "x", count: 500))],
                                     bounds: DiagnosticsBounds(maxMessageBytes: 100))
        let message = summary.events.first?.message ?? ""
        #expect(message == String(repeating: "x", count: 97) + "…")
        #expect(StoredText.bytes(of: message) == 100)
    }

    @Test("logs: the newest lines that fit the excerpt's bytes, excerpts bounded, each cut noted")
    func boundsLogs() {
        let lines = (0..<30).map { "line \($0) " + String(repeating: "y", count: 40) }
        let logs = (0..<3).map { DiagnosticsLog(pod: "p\($0)", container: "c", lines: lines) }
        let summary = Self.summarize(logs: logs, bounds: DiagnosticsBounds(maxLogs: 2, maxLogLines: 20, maxLogBytes: 200))
        #expect(summary.logs.map(\.pod) == ["p0", "p1"])
        #expect(summary.logs.first?.lines == Array(lines.suffix(4)), "the newest lines that fit, oldest first")
        #expect(summary.notes == [
            "1 more log excerpts left out",
            "log of p0/c cut to its last 4 lines (200 bytes)", "log of p1/c cut to its last 4 lines (200 bytes)",
        ])
        let short = Self.summarize(logs: [DiagnosticsLog(pod: "p", container: "c", lines: lines)], bounds: DiagnosticsBounds(maxLogLines: 5))
        #expect(short.logs.first?.lines == Array(lines.suffix(5)), "the requested number of lines is not a cut")
        #expect(short.notes.isEmpty)
    }

    @Test("one huge newest line is cut to the excerpt's bytes rather than dropped")
    func cutsAHugeLine() {
        let summary = Self.summarize(logs: [DiagnosticsLog(pod: "p", container: "c", lines: ["old", String(repeating: "z", count: 10_000)])])
        let kept = summary.logs.first?.lines ?? []
        #expect(kept.count == 1)
        #expect(StoredText.bytes(of: kept.first ?? "") == DiagnosticsLimits.bytesPerLog)
    }

    @Test("cut notes come before the collection's notes; beyond the limit the last note counts the rest")
    func boundsNotes() {
        let notes = (0..<15).map { "note \($0)" }
        let summary = Self.summarize(events: (0..<40).map { Self.event("e\($0)", at: Double($0)) }, notes: notes)
        #expect(summary.notes.count == DiagnosticsLimits.notes)
        #expect(summary.notes.first == "10 more events left out (Normal or older ones)")
        #expect(summary.notes.last == "7 more notes left out")
        #expect(summary.notes[1] == "note 0")
    }
}
