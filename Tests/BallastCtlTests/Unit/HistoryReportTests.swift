import BallastAPI
import BallastCtl
import Foundation
import KubeTypes
import Testing

@Suite("HistoryReport: one target's actions, effectiveness and patterns")
struct HistoryReportTests {
    static func entry(_ id: String, _ action: ActionName, at minutes: Double, replicas: (Int64, Int64)? = nil,
                      state: EntryState = .succeeded, effectiveness: Double? = nil, message: String? = nil) -> ActionEntry {
        ActionEntry(
            actionId: id, request: RequestReference(name: "rr-\(id)"), alert: "HighLatency", action: action,
            source: .rules, confidence: 0.9, state: state, startedAt: Fixtures.minutes(minutes),
            before: replicas.map { ["replicas": .int($0.0)] }, after: replicas.map { ["replicas": .int($0.1)] },
            effectiveness: effectiveness, message: message)
    }

    static let history: ActionHistory = {
        let entries = [
            entry("a1", .scaleDeployment, at: -70, replicas: (3, 6), effectiveness: 0.2),
            entry("a2", .scaleDeployment, at: -50, replicas: (6, 3), effectiveness: 0.2),
            entry("a3", .scaleDeployment, at: -30, replicas: (3, 6), effectiveness: 0.2),
            entry("a4", .restartDeployment, at: -5, state: .failed, message: "rollout did not progress"),
        ]
        let pattern = DetectedPattern(
            type: .scaleOscillation, severity: .high, occurrences: 3, window: .minutes(40),
            firstSeen: Fixtures.minutes(-70), lastSeen: Fixtures.minutes(-30), prevention: .coolOff,
            blockedUntil: Fixtures.minutes(20), message: "replicas 3->6->3->6 within 40m; effectiveness 0.2")
        let status = ActionHistoryStatus(
            entries: entries, patterns: [pattern],
            summary: HistorySummary(totalActions: 4, lastActionAt: Fixtures.minutes(-5),
                                    effectiveness: EffectivenessSummary(overall: 0.2, byAction: ["scale_deployment": 0.2])),
            conditions: [Fixtures.condition("Oscillating", .true, "ScaleOscillation", "replicas 3->6->3->6 within 40m")])
        return ActionHistory(
            metadata: ObjectMeta(name: "deployment-web", namespace: "shop"),
            spec: ActionHistorySpec(target: Fixtures.webTarget), status: status)
    }()

    @Test("header: target, totals, effectiveness overall and by action, oscillation condition")
    func header() {
        let lines = HistoryReport(history: Self.history).render(now: Fixtures.now).split(separator: "\n").map(String.init)
        #expect(lines[0] == "ActionHistory shop/deployment-web of Deployment shop/web")
        #expect(lines[1] == "Actions:        4, last 5m ago")
        #expect(lines[2] == "Effectiveness:  0.20 overall (scale_deployment 0.20)")
        #expect(lines[3] == "Oscillating:    True (ScaleOscillation: replicas 3->6->3->6 within 40m)")
    }

    @Test("entries: one aligned row each, oldest first, with the change from before/after or the message")
    func entries() {
        let text = HistoryReport(history: Self.history).render(now: Fixtures.now)
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines.firstIndex { $0.hasPrefix("TIME") } ?? 0
        #expect(TableCells.of(lines[header]) == ["TIME", "ACTION", "STATE", "SOURCE", "CONFIDENCE", "EFFECTIVENESS", "REQUEST", "CHANGE"])
        #expect(TableCells.of(lines[header + 1]) == ["1h10m ago", "scale_deployment", "Succeeded", "Rules", "0.90", "0.20", "rr-a1", "replicas 3->6"])
        #expect(TableCells.of(lines[header + 4]) == ["5m ago", "restart_deployment", "Failed", "Rules", "0.90", "-", "rr-a4", "rollout did not progress"])
    }

    @Test("a limit keeps the newest entries and says how many were left out")
    func limit() {
        let text = HistoryReport(history: Self.history, limit: 2).render(now: Fixtures.now)
        #expect(!text.contains("rr-a1"))
        #expect(text.contains("rr-a3") && text.contains("rr-a4"))
        #expect(text.contains("(2 newest of 4 entries; --limit shows more)"))
    }

    @Test("patterns: severity, span, prevention with the exact end of the block, and the entries as evidence")
    func patterns() {
        let text = HistoryReport(history: Self.history).render(now: Fixtures.now)
        let paragraph = text.components(separatedBy: "\n\n").last ?? ""
        #expect(paragraph == """
            ScaleOscillation (High): replicas 3->6->3->6 within 40m; effectiveness 0.2
              3 occurrences within 40m, first 1h10m ago, last 30m ago
              prevention: CoolOff; mutating actions on this target are denied until 2027-01-15T08:20:00Z (in 20m)
              evidence:
                2027-01-15T06:50:00Z  scale_deployment  replicas 3->6  (Succeeded, effectiveness 0.20)
                2027-01-15T07:10:00Z  scale_deployment  replicas 6->3  (Succeeded, effectiveness 0.20)
                2027-01-15T07:30:00Z  scale_deployment  replicas 3->6  (Succeeded, effectiveness 0.20)
            """)
    }

    @Test("an empty history says so instead of printing empty tables")
    func empty() {
        let history = ActionHistory(metadata: ObjectMeta(name: "node-worker-1", namespace: "ballast-system"),
                                    spec: ActionHistorySpec(target: TargetReference(apiVersion: "v1", kind: "Node", name: "worker-1")))
        #expect(HistoryReport(history: history).render(now: Fixtures.now) == """
            ActionHistory ballast-system/node-worker-1 of Node worker-1

            No actions recorded.

            No oscillation or other harmful pattern detected.
            """)
    }
}
