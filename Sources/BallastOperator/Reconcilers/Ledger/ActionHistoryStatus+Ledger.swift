import BallastAPI
import BallastCore
import Foundation

/// What completing an entry did to a history's status.
public enum LedgerEdit: Sendable, Hashable {
    /// The status changed; write it.
    case changed(ActionHistoryStatus)
    /// The entry already says this; nothing to write.
    case unchanged
    /// No entry has the actionId (never recorded, or pruned); nothing to write.
    case missing
}

/// The pure edits ``HistoryLedger`` makes to an ActionHistory's status: append an intent,
/// complete an entry. Both are idempotent by actionId, so a retry after a conflict or a crash
/// converges to the same entries.
extension ActionHistoryStatus {
    /// The CRD's bound on `status.entries` (`maxItems`).
    public static let maxEntries = 200

    /// The status with `entry` added, or `nil` when an entry with its actionId is already
    /// there (it is left exactly as it is). Entries are kept in canonical order (oldest first,
    /// ties by actionId: ``ActionEntry/canonicalOrder(_:_:)``), the order the ActionHistory
    /// reconciler keeps them in, so intents recorded in the same second in any order leave it
    /// nothing to rewrite.
    ///
    /// Retention belongs to the ActionHistory reconciler; this only guards the CRD's
    /// ``maxEntries`` bound, which a write may never exceed: when the list is full, the oldest
    /// finished (non-Pending) entries make room. Pending entries are never dropped.
    public func appendingIntent(_ entry: ActionEntry) -> ActionHistoryStatus? {
        var entries = self.entries ?? []
        guard !entries.contains(where: { $0.actionId == entry.actionId }) else { return nil }
        while entries.count >= Self.maxEntries, let oldest = entries.indices.filter({ entries[$0].state != .pending })
            .min(by: { entries[$0].startedAt < entries[$1].startedAt })
        {
            entries.remove(at: oldest)
        }
        entries.append(entry)
        var status = with(entries: ActionEntry.canonicalPositions(entries).map { entries[$0] })
        // One more action ever recorded, whatever retention dropped before (the count of
        // entries alone would stall at the retention bound + 1).
        let recordedBefore = max(summary?.totalActions ?? 0, Int64(self.entries?.count ?? 0))
        let recomputed = status.summary?.totalActions ?? 0
        status.summary?.totalActions = max(recordedBefore + 1, recomputed)
        return status
    }

    /// The CRD's `maxLength` of `status.entries[].message`, in characters (Unicode scalars, as
    /// the API server counts them).
    static let maxEntryMessage = 1024

    /// `message` cut to ``maxEntryMessage`` with a trailing `…` when longer (a diagnostics
    /// summary can be), so completing an entry never fails schema validation.
    static func entryMessage(_ message: String) -> String {
        StoredText.cut(message, toScalars: maxEntryMessage)
    }

    /// The status with the entry of `completion.actionId` completed (an upsert by actionId).
    ///
    /// - A Pending entry takes the completion's state, finish time, message, before/after and
    ///   effectiveness (absent values keep what the entry had).
    /// - An entry already in the completion's state only gains the effectiveness (verification
    ///   scores an action after it finished).
    /// - An entry already finished in another state is left alone (`unchanged`): an outcome
    ///   recorded once is never rewritten.
    public func completing(_ completion: HistoryCompletion) -> LedgerEdit {
        var entries = self.entries ?? []
        guard let index = entries.firstIndex(where: { $0.actionId == completion.actionId }) else { return .missing }
        let current = entries[index]
        var updated = current
        if current.state == .pending {
            updated.state = completion.state
            updated.finishedAt = completion.finishedAt
            updated.message = completion.message.isEmpty ? current.message : Self.entryMessage(completion.message)
            updated.before = completion.before.flatMap { $0.isEmpty ? nil : $0 } ?? current.before
            updated.after = completion.after.flatMap { $0.isEmpty ? nil : $0 } ?? current.after
            updated.effectiveness = completion.effectiveness ?? current.effectiveness
        } else if current.state == completion.state, let effectiveness = completion.effectiveness {
            updated.effectiveness = effectiveness
        }
        guard updated != current else { return .unchanged }
        entries[index] = updated
        return .changed(with(entries: entries))
    }

    /// The status with `entries` and the summary recomputed from them
    /// (``HistoryStatus/summary(of:previous:)``, as the ActionHistory reconciler computes it,
    /// so a ledger write leaves that reconciler nothing to rewrite).
    private func with(entries: [ActionEntry]) -> ActionHistoryStatus {
        var status = self
        status.entries = entries
        status.summary = HistoryStatus.summary(of: entries, previous: summary)
        return status
    }
}
