import BallastAPI
import BallastCore
import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Logging
import Synchronization
import Testing
@testable import BallastOperator

/// The ledger against the real API server: creation, idempotence, conflicts.
@Suite("Ledger: ActionHistory writes on the local control plane")
struct HistoryLedgerTests {
    /// Runs `body` with a ledger whose operator namespace is a fresh namespace (and whose shared
    /// cache is `cached`).
    static func withLedger(
        cached: @escaping @Sendable (ObjectKey) -> ActionHistory? = { _ in nil }, _ body: (HistoryLedger, String) async throws -> Void
    ) async throws {
        let cluster = try await ReceiverCluster.prepared().cluster
        let namespace = try await cluster.makeNamespace("ledger")
        defer { cluster.deleteNamespace(namespace) }
        let client = try KubeClient(configuration: KubeConfiguration.load(kubeconfigPath: cluster.adminKubeconfig))
        do {
            try await body(HistoryLedger(client: client, operatorNamespace: namespace, cached: cached), namespace)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970).rounded(.down))

    static func entry(_ id: String) -> ActionEntry {
        ActionEntry(actionId: id, action: .restartDeployment, state: .pending, startedAt: start)
    }

    @Test("the first intent creates the history; the same intent again changes nothing")
    func createsOnceIdempotently() async throws {
        try await Self.withLedger { ledger, namespace in
            let target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: "web", uid: "u-1")
            #expect(try await ledger.history(of: target) == nil)
            #expect(try await ledger.entry(actionId: "a", target: target) == .absent)
            try await ledger.recordIntent(Self.entry("a"), target: target)
            let created = try #require(try await ledger.history(of: target))
            #expect(created.metadata.name == "deployment-web")
            #expect(created.spec.target == target)
            // Its first status is what the ActionHistory reconciler would write, so it writes nothing.
            #expect(created.status.map(WireForm.normalized) == WireForm.normalized(HistoryStatus.recompute(created, now: Date())))
            #expect(created.status?.observedGeneration == created.metadata.generation)
            #expect(try await ledger.entry(actionId: "a", target: target) == .recorded(Self.entry("a")))
            try await ledger.recordIntent(Self.entry("a"), target: target)
            #expect(try await ledger.history(of: target)?.metadata.resourceVersion == created.metadata.resourceVersion)
        }
    }

    @Test("after each write the remembered copy is exactly what the server stores (only the answer's metadata is decoded)")
    func rememberedCopyMatchesTheServer() async throws {
        try await Self.withLedger { ledger, namespace in
            let target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: "kept", uid: "u-2")
            var entry = Self.entry("m")
            entry.parameters = ["replicas": 3, "note": "free-form \u{1F600}", "nested": ["a": [1, 2.5, true, nil]]]
            entry.request = RequestReference(name: "r", uid: "uid-r")
            try await ledger.recordIntent(entry, target: target)
            _ = try await ledger.complete(
                HistoryCompletion(actionId: "m", state: .succeeded, finishedAt: Self.start.addingTimeInterval(2), message: "done"),
                target: target)
            let remembered = try #require(ledger.memory.recall(ledger.location(of: target)))
            let live = try #require(try await ledger.history(of: target))
            #expect(remembered.metadata.resourceVersion == live.metadata.resourceVersion)
            #expect(remembered.status == live.status)
            #expect(remembered.spec == live.spec)
        }
    }

    @Test("the policy check's history is the ledger's own last write while the cache holds that version, else a live read")
    func latestHistoryServesItsOwnWriteOnlyWhileTheCacheAgrees() async throws {
        let cache = Mutex<ActionHistory?>(nil)
        try await Self.withLedger(cached: { _ in cache.withLock { $0 } }) { ledger, namespace in
            let target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: "checked", uid: "u-3")
            try await ledger.recordIntent(Self.entry("a"), target: target)

            let behind = APIWaitMeter()
            let live = try await behind.measure { try await ledger.latestHistory(of: target) }
            #expect(behind.waited > .zero, "the cache does not hold the ledger's write yet: read live")
            #expect(live?.status?.entries?.map(\.actionId) == ["a"])

            cache.withLock { $0 = live }
            let caughtUp = APIWaitMeter()
            let remembered = try await caughtUp.measure { try await ledger.latestHistory(of: target) }
            #expect(caughtUp.waited == .zero, "the cache confirms the remembered copy: no call")
            #expect(remembered == live)

            var edited = try #require(live)
            edited.status?.entries?[0].message = "edited by a person"
            let written = try await ledger.client.updateStatus(edited, .actionHistories)
            cache.withLock { $0 = written }
            let ahead = try await ledger.latestHistory(of: target)
            #expect(ahead?.status?.entries?.first?.message == "edited by a person", "someone else wrote: read live")
        }
    }

    @Test("concurrent intents on one target all land (conflicts are re-read and retried)")
    func concurrentIntents() async throws {
        try await Self.withLedger { ledger, namespace in
            let target = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: "busy")
            let ids = (0..<8).map { "intent-\($0)" }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in ids { group.addTask { try await ledger.recordIntent(Self.entry(id), target: target) } }
                try await group.waitForAll()
            }
            let entries = try await ledger.history(of: target)?.status?.entries ?? []
            #expect(Set(entries.map(\.actionId)) == Set(ids))
            #expect(entries.count == ids.count)
        }
    }

    @Test("completion upserts by actionId: outcome once, effectiveness later, a missing entry reported")
    func completion() async throws {
        try await Self.withLedger { ledger, namespace in
            let node = TargetReference(apiVersion: "v1", kind: "Node", name: "worker-1")
            try await ledger.recordIntent(Self.entry("a"), target: node)
            #expect(try await ledger.history(of: node)?.metadata.namespace == namespace, "a node's history lives in the operator's namespace")
            let done = HistoryCompletion(actionId: "a", state: .succeeded, finishedAt: Self.start + 1, message: "restarted")
            guard case .changed = try await ledger.complete(done, target: node) else {
                Issue.record("the first completion writes")
                return
            }
            #expect(try await ledger.complete(done, target: node) == .unchanged)
            var scored = done
            scored.effectiveness = 0.7
            guard case .changed = try await ledger.complete(scored, target: node) else {
                Issue.record("the score is added")
                return
            }
            var failed = done
            failed.state = .failed
            #expect(try await ledger.complete(failed, target: node) == .unchanged)
            let entry = try #require(try await ledger.history(of: node)?.status?.entries?.first)
            #expect(entry.state == .succeeded)
            #expect(entry.effectiveness == 0.7)
            #expect(entry.message == "restarted")
            let other = HistoryCompletion(actionId: "zzz", state: .failed, finishedAt: Self.start, message: "")
            #expect(try await ledger.complete(other, target: node) == .missing)
            let nowhere = TargetReference(apiVersion: "v1", kind: "Node", name: "never-remediated")
            #expect(try await ledger.complete(other, target: nowhere) == .missing)
            #expect(try await ledger.history(of: nowhere) == nil, "completing creates nothing")
        }
    }
}
