import BallastAPI
import BallastCore
import Foundation

/// Which alert state changes the receiver appends to a target's `status.alerts`. Pure.
///
/// Alertmanager re-sends a notification every `repeat_interval`, on every change of its group
/// and after a failed delivery, so the same state of an alert arrives many times; the timeline
/// records only *changes*, per fingerprint:
/// - a Firing row when the last recorded state of the fingerprint is not Firing (or there is
///   none), at the alert's `startsAt` — also for a resolved alert, whose notification carries
///   both instants (``episodeStart(of:receivedAt:)``);
/// - a Resolved row when the last recorded state is Firing, at its `endsAt`;
/// - nothing for a state that is not strictly later than the fingerprint's last recorded row
///   (a late, out-of-order delivery: recording it would put a change before a state already
///   known).
///
/// So applying a batch twice is the same as applying it once, whatever the order of its
/// alerts. The result is pruned by the history's ``Retention`` (its maxAge and maxEntries) and
/// never holds more than ``maxRows`` rows (the CRD's `maxItems`), oldest dropped first, in
/// ``AlertObservation/canonicalOrder(_:_:)`` (oldest first).
public enum AlertTimeline {
    /// The CRD's bound on `status.alerts` (`maxItems`).
    public static let maxRows = 200
    /// The CRD's bound on `status.alerts[].name` (`maxLength`), in Unicode scalars (as the API
    /// server counts).
    public static let maxNameLength = 253
    /// The CRD's bound on `status.alerts[].fingerprint` (`maxLength`), in Unicode scalars.
    public static let maxFingerprintLength = 128

    /// The state `alert` reports: Firing at `startsAt`, or Resolved at `endsAt` (the receive
    /// time when Alertmanager sent none).
    public static func observation(of alert: AlertmanagerAlert, receivedAt: Date) -> AlertObservation {
        switch alert.status {
        case .firing:
            AlertObservation(name: alert.name, fingerprint: alert.fingerprint, state: .firing, at: alert.startsAt)
        case .resolved:
            AlertObservation(name: alert.name, fingerprint: alert.fingerprint, state: .resolved, at: alert.endsAt ?? receivedAt)
        }
    }

    /// The Firing at `startsAt` that a resolved `alert` implies: a resolved notification carries
    /// its whole episode, so a fingerprint first seen already resolved (it fired while the
    /// receiver was down or not yet configured) still gets both rows. When that Firing row is
    /// already recorded, ``recording(_:in:retention:now:)`` finds nothing new in it. `nil` for a
    /// firing alert, and for a resolution at or before its own start (clock skew).
    public static func episodeStart(of alert: AlertmanagerAlert, receivedAt: Date) -> AlertObservation? {
        let resolved = observation(of: alert, receivedAt: receivedAt)
        guard alert.status == .resolved, resolved.at > alert.startsAt else { return nil }
        return AlertObservation(name: alert.name, fingerprint: alert.fingerprint, state: .firing, at: alert.startsAt)
    }

    /// The new `status.alerts` after recording `received` on a history whose rows are
    /// `existing`, or `nil` when nothing new is recorded (no write is needed).
    ///
    /// The rows retention keeps are the timeline: a fingerprint's last recorded state is read
    /// from them, not from rows about to be pruned. When the bound forces rows out, the fingerprint
    /// of an evicted row has lost its earlier states, so the batch is applied again to the result
    /// until nothing more changes: that makes `recording(b, in: recording(b, in: e))` `nil`
    /// whatever `e` and `b` are (each alert of the batch is recorded at most once per round and
    /// stays evicted once it falls below the bound, so this takes at most `received.count`
    /// rounds, usually one).
    ///
    /// - Parameters:
    ///   - received: the observations of one notification, in any order; observations whose
    ///     name or fingerprint the CRD would refuse (empty, too long) are ignored.
    ///   - existing: the history's current rows, in any order.
    ///   - retention: the history's retention; rows it would drop are not recorded.
    ///   - now: the instant retention is applied at.
    public static func recording(
        _ received: [AlertObservation], in existing: [AlertObservation], retention: Retention, now: Date
    ) -> [AlertObservation]? {
        let batch = received.filter(isStorable).sorted(by: AlertObservation.canonicalOrder)
        var rows = bounded(existing, retention: retention, now: now)
        var changed = false
        for _ in 0...batch.count {
            guard let next = round(batch, on: rows, retention: retention, now: now) else { break }
            rows = next
            changed = true
        }
        return changed ? rows : nil
    }

    /// One pass of `batch` (canonical order) over `rows` (bounded, canonical order): the bounded
    /// rows with the batch's changes appended, or `nil` when none of them would be kept.
    static func round(
        _ batch: [AlertObservation], on rows: [AlertObservation], retention: Retention, now: Date
    ) -> [AlertObservation]? {
        var last: [String: AlertObservation] = [:]
        for row in rows {
            if let fingerprint = row.fingerprint { last[fingerprint] = row }
        }
        var appended: [AlertObservation] = []
        for observation in batch {
            guard let fingerprint = observation.fingerprint, isChange(observation, after: last[fingerprint]) else { continue }
            last[fingerprint] = observation
            appended.append(observation)
        }
        guard !appended.isEmpty else { return nil }
        let kept = bounded(rows + appended, retention: retention, now: now)
        let keptSet = Set(kept)
        return appended.contains(where: keptSet.contains) ? kept : nil
    }

    /// What retention keeps of `rows`, at most ``maxRows`` (the newest), oldest first.
    static func bounded(_ rows: [AlertObservation], retention: Retention, now: Date) -> [AlertObservation] {
        Array(retention.prune(rows, now: now).suffix(maxRows))
    }

    /// Whether `observation` changes the state recorded last (`previous`) for its fingerprint:
    /// another state, strictly later (a resend of an older state is never a change).
    static func isChange(_ observation: AlertObservation, after previous: AlertObservation?) -> Bool {
        guard let previous else { return observation.state == .firing }
        return observation.state != previous.state && observation.at > previous.at
    }

    /// Whether the CRD accepts the observation's name and fingerprint.
    static func isStorable(_ observation: AlertObservation) -> Bool {
        guard let fingerprint = observation.fingerprint else { return false }
        return (1...maxNameLength).contains(observation.name.unicodeScalars.count)
            && (1...maxFingerprintLength).contains(fingerprint.unicodeScalars.count)
    }
}
