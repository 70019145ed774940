import BallastAPI
import BallastCore
import Foundation
import KubeTypes
import Testing
@testable import BallastOperator

@Suite("Ledger: pure edits of an ActionHistory status")
struct LedgerEditTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func entry(_ id: String, _ state: EntryState = .pending, at offset: TimeInterval = 0) -> ActionEntry {
        ActionEntry(actionId: id, action: .scaleDeployment, parameters: ["replicas": 4], state: state, startedAt: start + offset)
    }

    static func completion(_ id: String, _ state: EntryState, effectiveness: Double? = nil) -> HistoryCompletion {
        HistoryCompletion(
            actionId: id, state: state, finishedAt: start + 60, message: "replicas 2 -> 4",
            before: ["replicas": 2], after: ["replicas": 4], effectiveness: effectiveness)
    }

    @Test("an intent is appended once; a second append of the same actionId changes nothing")
    func appendIsIdempotent() throws {
        let first = try #require(ActionHistoryStatus().appendingIntent(Self.entry("a")))
        #expect(first.entries?.map(\.actionId) == ["a"])
        var recorded = first
        recorded.entries?[0].state = .succeeded
        #expect(recorded.appendingIntent(Self.entry("a")) == nil, "an entry already there is left as is")
        #expect(try #require(recorded.appendingIntent(Self.entry("b"))).entries?.map(\.actionId) == ["a", "b"])
    }

    @Test("intents recorded in any order keep the canonical order, so the ActionHistory reconciler has nothing to rewrite")
    func appendKeepsCanonicalOrder() throws {
        let ids = ["f3", "0a", "c7", "5e", "9b"]
        var status = ActionHistoryStatus()
        for id in ids { status = try #require(status.appendingIntent(Self.entry(id))) }
        status = try #require(status.appendingIntent(Self.entry("early", at: -5)))
        #expect(status.entries?.map(\.actionId) == ["early"] + ids.sorted())
        #expect(status.summary?.lastActionAt == Self.start)
        let history = ActionHistory(
            metadata: ObjectMeta(name: "deployment-web", namespace: "shop", generation: 1),
            spec: ActionHistorySpec(target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web")),
            status: status)
        // Once the reconciler has written its own fields, its recomputation is the ledger's status.
        var settled = history
        settled.status = HistoryStatus.recompute(history, now: Self.start + 1)
        #expect(settled.status?.entries == status.entries)
        let again = try #require(settled.status?.appendingIntent(Self.entry("1d")))
        settled.status = again
        #expect(HistoryStatus.recompute(settled, now: Self.start + 2) == again)
    }

    @Test("every appended intent counts in summary.totalActions, also once retention keeps the list at its bound")
    func totalActionsCountsPastTheRetentionBound() throws {
        let pruned = ActionHistoryStatus(
            entries: (0..<3).map { Self.entry("done-\($0)", .succeeded, at: Double($0)) }, summary: HistorySummary(totalActions: 10))
        let appended = try #require(pruned.appendingIntent(Self.entry("new", at: 10)))
        #expect(appended.summary?.totalActions == 11, "ten recorded before, one more now")
        let unsummarised = try #require(ActionHistoryStatus(entries: [Self.entry("a", .succeeded)]).appendingIntent(Self.entry("b", at: 1)))
        #expect(unsummarised.summary?.totalActions == 2)
        let history = ActionHistory(
            metadata: ObjectMeta(name: "deployment-web", namespace: "shop", generation: 1),
            spec: ActionHistorySpec(
                target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web"),
                retention: RetentionSettings(maxEntries: 3)),
            status: appended)
        #expect(HistoryStatus.recompute(history, now: Self.start + 20).summary?.totalActions == 11, "pruning back to the bound keeps the total")
    }

    @Test("a full list makes room by dropping the oldest finished entries, never a Pending one")
    func appendKeepsTheCRDBound() throws {
        var entries = [Self.entry("pending-oldest", .pending, at: -10)]
        entries += (0..<(ActionHistoryStatus.maxEntries - 1)).map { Self.entry("done-\($0)", .succeeded, at: Double($0)) }
        let status = try #require(ActionHistoryStatus(entries: entries).appendingIntent(Self.entry("new", at: 1_000)))
        let ids = status.entries?.map(\.actionId) ?? []
        #expect(ids.count == ActionHistoryStatus.maxEntries)
        #expect(ids.contains("pending-oldest"))
        #expect(!ids.contains("done-0"))
        #expect(ids.last == "new")
    }

    @Test("completing a Pending entry sets state, finish, message, before/after and effectiveness")
    func completesPending() throws {
        let status = ActionHistoryStatus(entries: [Self.entry("a")])
        guard case .changed(let completed) = status.completing(Self.completion("a", .succeeded)) else {
            Issue.record("expected a change")
            return
        }
        let entry = try #require(completed.entries?.first)
        #expect(entry.state == .succeeded)
        #expect(entry.finishedAt == Self.start + 60)
        #expect(entry.message == "replicas 2 -> 4")
        #expect(entry.before == ["replicas": 2])
        #expect(entry.after == ["replicas": 4])
        #expect(entry.parameters == ["replicas": 4], "what the intent recorded is kept")
    }

    @Test("a message longer than the CRD allows is cut to 1,024 characters, so the write cannot fail validation")
    func longMessagesAreBounded() throws {
        let status = ActionHistoryStatus(entries: [Self.entry("a")])
        var completion = Self.completion("a", .succeeded)
        completion.message = String(repeating: "é", count: 5000)
        guard case .changed(let completed) = status.completing(completion) else {
            Issue.record("expected a change")
            return
        }
        let message = try #require(completed.entries?.first?.message)
        #expect(message.unicodeScalars.count == 1024)
        #expect(message.hasSuffix("…"))
        completion.message = "short"
        guard case .changed(let short) = status.completing(completion) else { return }
        #expect(short.entries?.first?.message == "short")
    }

    @Test("completing again with the same state only adds the effectiveness")
    func sameStateAddsEffectiveness() throws {
        var done = Self.entry("a", .succeeded)
        done.message = "original"
        let status = ActionHistoryStatus(entries: [done])
        #expect(status.completing(Self.completion("a", .succeeded)) == .unchanged)
        guard case .changed(let scored) = status.completing(Self.completion("a", .succeeded, effectiveness: 0.9)) else {
            Issue.record("expected a change")
            return
        }
        let entry = try #require(scored.entries?.first)
        #expect(entry.effectiveness == 0.9)
        #expect(entry.message == "original")
        #expect(entry.finishedAt == nil, "nothing but the effectiveness changes")
    }

    @Test("an outcome recorded once is never rewritten to another state", arguments: [EntryState.failed, .abandoned, .dryRun])
    func finishedIsFinal(other: EntryState) {
        let status = ActionHistoryStatus(entries: [Self.entry("a", .succeeded)])
        #expect(status.completing(Self.completion("a", other, effectiveness: 0.5)) == .unchanged)
    }

    @Test("completing an unknown actionId reports it missing")
    func missing() {
        #expect(ActionHistoryStatus(entries: [Self.entry("a")]).completing(Self.completion("b", .failed)) == .missing)
        #expect(ActionHistoryStatus().completing(Self.completion("b", .failed)) == .missing)
    }

    @Test("histories of namespaced targets live with them; nodes' in the operator's namespace")
    func location() {
        let deployment = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web")
        let node = TargetReference(apiVersion: "v1", kind: "Node", name: "worker-1")
        #expect(HistoryLedger.location(of: deployment, operatorNamespace: "ballast-system") == ObjectKey(namespace: "shop", name: "deployment-web"))
        #expect(HistoryLedger.location(of: node, operatorNamespace: "ballast-system") == ObjectKey(namespace: "ballast-system", name: "node-worker-1"))
    }
}
