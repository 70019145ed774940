import BallastAPI
import Foundation
import KubeClient
import KubeTypes
import Logging

/// Every ActionHistory write the RemediationRequest lifecycle orders, made against the live
/// API (never the cache, which may not yet hold our own last write).
///
/// Guarantees:
/// - **Intent first, once**: ``recordIntent(_:target:)`` creates the target's history when
///   absent and appends the Pending entry; an entry with the same actionId is left as it is, so
///   a replay after a crash or a conflict never records an intent twice.
/// - **No lost updates**: every status write is a PUT of `/status` carrying the
///   resourceVersion it was computed from; a 409 re-reads and recomputes (at most
///   ``maxAttempts`` rounds, with a short jittered pause, as client-go's `RetryOnConflict`), so
///   concurrent writers (other requests on the same target, the ActionHistory reconciler) never
///   overwrite each other.
/// - **Outcomes are final**: ``complete(_:target:)`` is an upsert by actionId with the rules
///   of ``ActionHistoryStatus/completing(_:)``.
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

    /// Creates a ledger.
    public init(
        client: KubeClient, operatorNamespace: String, fieldManager: String = "ballast", maxAttempts: Int = 16,
        logger: Logger = Logger(label: "ballast.ledger")
    ) {
        self.client = client
        self.operatorNamespace = operatorNamespace
        self.fieldManager = fieldManager
        self.maxAttempts = max(1, maxAttempts)
        self.logger = logger
    }

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
            return try await client.get(ActionHistory.self, .actionHistories, name: key.name, namespace: key.namespace)
        } catch where error.code == .notFound {
            return nil
        }
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
        try await edit(target, create: true, what: "record intent \(entry.actionId)") { status in
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

    /// Read, compute, conditional write; again on a conflict.
    func edit(
        _ target: TargetReference, create: Bool, what: String, _ change: (ActionHistoryStatus) -> LedgerEdit
    ) async throws(KubeError) -> LedgerEdit {
        let key = location(of: target)
        for attempt in 1...maxAttempts {
            if attempt > 1 { await pause(attempt) }
            guard var current = try await history(of: target) else {
                guard create else { return .missing }
                try await createHistory(for: target, at: key)
                continue
            }
            let edit = change(current.status ?? ActionHistoryStatus())
            guard case .changed(let status) = edit else { return edit }
            current.status = status
            do throws(KubeError) {
                try await client.updateStatus(current, .actionHistories, fieldManager: fieldManager)
                return edit
            } catch where error.code == .conflict {
                logger.debug("conflict writing ActionHistory \(key); re-reading", metadata: ["attempt": "\(attempt)", "write": "\(what)"])
            }
        }
        throw KubeError(
            code: .conflict,
            message: "ActionHistory \(key) kept changing during \(maxAttempts) attempts to \(what)",
            verb: "PUT", path: ResourceDescriptor.actionHistories.objectPath(namespace: key.namespace, name: key.name, subresource: "status"))
    }

    /// Creates an empty history for `target` (someone else creating it first is fine).
    private func createHistory(for target: TargetReference, at key: ObjectKey) async throws(KubeError) {
        let history = ActionHistory(metadata: ObjectMeta(name: key.name, namespace: key.namespace), spec: ActionHistorySpec(target: target))
        do throws(KubeError) {
            try await client.create(history, .actionHistories, fieldManager: fieldManager)
            logger.info("created ActionHistory \(key) for \(target.kind) \(target.name)")
        } catch where error.code == .alreadyExists {
            return
        }
    }

    /// 10 ms × round, ±50 %, so contenders that collided spread out (client-go retries at
    /// ~10 ms; the wide jitter lets N writers on one history finish in about N rounds).
    private func pause(_ attempt: Int) async {
        let millis = 10.0 * Double(attempt - 1) * Double.random(in: 0.5...1.5)
        try? await Task.sleep(for: .milliseconds(millis))
    }
}
