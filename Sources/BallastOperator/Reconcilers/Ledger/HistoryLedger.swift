import BallastAPI
import BallastCore
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Logging

/// Every ActionHistory write the RemediationRequest lifecycle orders, each a conditional write
/// against the API server.
///
/// Guarantees:
/// - **Few round trips, never a lost update**: an edit starts from the freshest copy at hand —
///   the one this ledger last read or wrote (``HistoryMemory``), else the shared cache — and
///   re-reads live only when the API server says that copy is stale (409). A stale copy can
///   cost a retry, never a wrong write: every write carries the resourceVersion it was
///   computed from. Reads for decisions that must see our own last write (``history(of:)``,
///   ``entry(actionId:target:)``) always go to the API server.
/// - **Summary in step**: every edit recomputes `status.summary` from the entries
///   (``HistoryStatus/summary(of:previous:)``), so the ActionHistory reconciler has nothing to
///   rewrite after a ledger write.
/// - **Intent first, once**: ``recordIntent(_:target:)`` creates the target's history when
///   absent and appends the Pending entry; an entry with the same actionId is left as it is, so
///   a replay after a crash or a conflict never records an intent twice.
/// - **No lost updates**: every status write is a PUT of `/status` carrying the
///   resourceVersion it was computed from; a 409 re-reads and recomputes (at most
///   ``maxAttempts`` rounds, with a short jittered pause, as client-go's `RetryOnConflict`), so
///   concurrent writers (the ActionHistory reconciler, the receiver, another process) never
///   overwrite each other.
/// - **No self-inflicted conflicts**: this ledger's own edits of one history run one at a time,
///   in arrival order (``KeyedSerializer``), each starting from the copy the previous one wrote.
///   Requests on one target racing each other at the API server would cost every loser a 409,
///   a re-read and a retry per round.
/// - **Outcomes are final**: ``complete(_:target:)`` is an upsert by actionId with the rules
///   of ``ActionHistoryStatus/completing(_:)``.
/// - **First write converged**: a history nobody has written yet whose first status is one
///   intent gets `observedGeneration` and the `Oscillating` condition the reconciler would
///   set, so a new target's history costs a create and one status write per ledger edit.
/// - Retention is not applied here (the ActionHistory reconciler owns it).
public struct HistoryLedger: Sendable {
    /// The client every read and write goes through.
    public var client: KubeClient
    /// Where histories of cluster-scoped targets (nodes) live.
    public var operatorNamespace: String
    /// The field manager recorded on every write.
    public var fieldManager: String
    /// Read–compute–write rounds before a persistent conflict is thrown.
    public var maxAttempts: Int
    /// Receives one line per created history and per retried conflict.
    public var logger: Logger
    /// The shared cache's copy of a history, consulted when ``memory`` holds none.
    public var cached: @Sendable (ObjectKey) -> ActionHistory?
    /// The copies this ledger last read or wrote.
    let memory: HistoryMemory
    /// Queues this ledger's concurrent edits of one history behind each other.
    let editsInTurn: KeyedSerializer<ObjectKey>

    /// Creates a ledger. `cached` reads the shared cache (an informer's store); the default
    /// reads nothing, so every first edit of a history reads it live.
    public init(
        client: KubeClient, operatorNamespace: String, fieldManager: String = "ballast", maxAttempts: Int = 16,
        logger: Logger = Logger(label: "ballast.ledger"), cached: @escaping @Sendable (ObjectKey) -> ActionHistory? = { _ in nil }
    ) {
        self.client = client
        self.operatorNamespace = operatorNamespace
        self.fieldManager = fieldManager
        self.maxAttempts = max(1, maxAttempts)
        self.logger = logger
        self.cached = cached
        self.memory = HistoryMemory(capacity: Self.memoryCapacity)
        self.editsInTurn = KeyedSerializer()
    }

    /// Histories remembered at most: enough for every edit in flight (one per worker), small
    /// enough that the copies never weigh on the operator's memory.
    static let memoryCapacity = 64

    /// Where the history of `target` lives: named by ``ActionHistory/name(for:)``, in the
    /// target's namespace, or in `operatorNamespace` for cluster-scoped targets (api.md).
    public static func location(of target: TargetReference, operatorNamespace: String) -> ObjectKey {
        ObjectKey(namespace: target.namespace ?? operatorNamespace, name: ActionHistory.name(for: target))
    }

    /// ``location(of:operatorNamespace:)`` with this ledger's operator namespace.
    public func location(of target: TargetReference) -> ObjectKey {
        Self.location(of: target, operatorNamespace: operatorNamespace)
    }

    /// The history of `target` as the API server stores it now; `nil` when there is none.
    /// - Throws: ``KubeError`` other than `.notFound`.
    public func history(of target: TargetReference) async throws(KubeError) -> ActionHistory? {
        let key = location(of: target)
        do throws(KubeError) {
            let history = try await client.get(ActionHistory.self, .actionHistories, name: key.name, namespace: key.namespace)
            memory.remember(history, at: key)
            return history
        } catch where error.code == .notFound {
            memory.forget(key)
            return nil
        }
    }

    /// The newest history of `target` this process can vouch for: the copy this ledger last
    /// wrote or read when the shared cache independently holds that very version (nobody wrote
    /// the history since, as far as the watch has told), else a live read.
    ///
    /// Every action this ledger recorded is in it, so a decision based on it sees them all; it
    /// is never older than the cache. A write by someone else that the watch has not delivered
    /// yet is missed, as it would be by a live read made a few milliseconds earlier.
    /// - Throws: ``KubeError`` of the live read.
    public func latestHistory(of target: TargetReference) async throws(KubeError) -> ActionHistory? {
        let key = location(of: target)
        if let remembered = memory.recall(key), let version = remembered.metadata.resourceVersion,
            cached(key)?.metadata.resourceVersion == version
        {
            return remembered
        }
        return try await history(of: target)
    }

    /// A live read of the entry `actionId` in the history of `target`.
    /// - Throws: ``KubeError`` other than `.notFound` (a missing history means `.absent`).
    public func entry(actionId: String, target: TargetReference) async throws(KubeError) -> IntentLookup {
        let entries = try await history(of: target)?.status?.entries ?? []
        return entries.first { $0.actionId == actionId }.map(IntentLookup.recorded) ?? .absent
    }

    /// Records the Pending `entry` in the history of `target`, creating the history first when
    /// it does not exist. Idempotent by actionId.
    /// - Throws: ``KubeError`` from the API server; `.conflict` after ``maxAttempts`` rounds.
    public func recordIntent(_ entry: ActionEntry, target: TargetReference) async throws(KubeError) {
        _ = try await edit(target, create: true, what: "record intent \(entry.actionId)") { status in
            status.appendingIntent(entry).map(LedgerEdit.changed) ?? .unchanged
        }
    }

    /// Completes the entry of `completion.actionId` in the history of `target`.
    /// - Returns: What the write did (`missing` when no such entry exists: nothing is written).
    /// - Throws: ``KubeError`` from the API server; `.conflict` after ``maxAttempts`` rounds.
    @discardableResult
    public func complete(_ completion: HistoryCompletion, target: TargetReference) async throws(KubeError) -> LedgerEdit {
        try await edit(target, create: false, what: "complete \(completion.actionId) as \(completion.state.rawValue)") {
            $0.completing(completion)
        }
    }

    /// Waits for the history's turn, then ``editInTurn(_:at:create:what:_:)``.
    func edit(
        _ target: TargetReference, create: Bool, what: String, _ change: (ActionHistoryStatus) -> LedgerEdit
    ) async throws(KubeError) -> LedgerEdit {
        let key = location(of: target)
        return try await editsInTurn.run(key) { () async throws(KubeError) -> LedgerEdit in
            try await editInTurn(target, at: key, create: create, what: what, change)
        }
    }

    /// Compute from the freshest copy at hand, conditional write; on a conflict (or a copy of
    /// a history deleted since) read live and again.
    private func editInTurn(
        _ target: TargetReference, at key: ObjectKey, create: Bool, what: String, _ change: (ActionHistoryStatus) -> LedgerEdit
    ) async throws(KubeError) -> LedgerEdit {
        var copy = memory.recall(key) ?? cached(key)
        // With no copy at hand, a history to be created is most likely absent (neither this
        // ledger nor the cache knows it, and the decision's live read found none): create it
        // outright. The create is atomic, so this never misses an existing history: when one
        // is there, it fails with AlreadyExists and the round below reads it live.
        if create && copy == nil { copy = try await createHistory(for: target, at: key) }
        var conflicts = 0
        for attempt in 1...maxAttempts {
            if conflicts > 0 { await pause(conflicts) }
            let live = copy == nil
            if live { copy = try await history(of: target) }
            guard var current = copy else {
                guard create else { return .missing }
                copy = try await createHistory(for: target, at: key)
                continue
            }
            let edit = change(current.status ?? ActionHistoryStatus())
            guard case .changed(var status) = edit else {
                // Nothing to write, as far as a remembered copy knows: only the live object
                // may say so (the copy may predate the entry being recorded).
                if live { return edit }
                copy = nil
                continue
            }
            if current.status == nil, status.alerts?.isEmpty ?? true, status.entries?.count == 1 {
                // Nobody has written this history yet (the ActionHistory reconciler leaves an
                // empty one alone) and its first status holds one entry and no alert, which
                // make no pattern under any settings: it is written in the reconciler's
                // converged form, so the reconciler has nothing to rewrite and no write of its
                // own races this one.
                current.status = status
                status = HistoryStatus.recompute(current, now: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
            }
            current.status = status
            do throws(KubeError) {
                // The ActionHistory schema has no defaults, so the server stores the status as
                // sent: only the metadata of its answer is decoded, not hundreds of entries.
                current.metadata = try await client.updateStatusMetadata(current, .actionHistories, fieldManager: fieldManager)
                memory.remember(current, at: key)
                return edit
            } catch where error.code == .conflict || error.code == .notFound {
                logger.debug("ActionHistory \(key) changed since read; re-reading", metadata: ["attempt": "\(attempt)", "write": "\(what)"])
                memory.forget(key)
                copy = nil
                conflicts += 1
            }
        }
        throw KubeError(
            code: .conflict,
            message: "ActionHistory \(key) kept changing during \(maxAttempts) attempts to \(what)",
            verb: "PUT", path: ResourceDescriptor.actionHistories.objectPath(namespace: key.namespace, name: key.name, subresource: "status"))
    }

    /// Creates an empty history for `target`. - Returns: the created history, or `nil` when
    /// someone else created it first (fine: the caller reads theirs).
    private func createHistory(for target: TargetReference, at key: ObjectKey) async throws(KubeError) -> ActionHistory? {
        let history = ActionHistory(metadata: ObjectMeta(name: key.name, namespace: key.namespace), spec: ActionHistorySpec(target: target))
        do throws(KubeError) {
            let created = try await client.create(history, .actionHistories, fieldManager: fieldManager)
            logger.info("created ActionHistory \(key) for \(target.kind) \(target.name)")
            return created
        } catch where error.code == .alreadyExists {
            return nil
        }
    }

    /// 10 ms × conflicts so far, ±50 %, so contenders that collided spread out (client-go
    /// retries at ~10 ms; the wide jitter lets N writers on one history finish in about N rounds).
    private func pause(_ conflicts: Int) async {
        let millis = 10.0 * Double(conflicts) * Double.random(in: 0.5...1.5)
        try? await Task.sleep(for: .milliseconds(millis))
    }
}
