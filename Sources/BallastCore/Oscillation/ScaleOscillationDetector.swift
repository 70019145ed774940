import BallastAPI
import Foundation
import KubeTypes

/// Replica counts going up and down: the classic thrash of an autoscaler fighting a bad signal.
///
/// A direction change is counted between consecutive completed scale actions on the target less
/// than ``OscillationThresholds/scaleGap`` apart whose replica movement reverses. Severity
/// (Kubernaut): Critical ≥ 4 changes within ≤ 60m and mean effectiveness < 0.5; High ≥ 3 within
/// ≤ 120m and < 0.7; Medium ≥ 2 within ≤ 180m.
enum ScaleOscillationDetector {
    static let scaleActions: Set<ActionName> = [.scaleDeployment, .scaleStatefulSet]

    static func detect(_ entries: [ActionEntry], thresholds: OscillationThresholds) -> Detection? {
        var previous: (entry: ActionEntry, direction: Int)?
        var changes = 0
        var involved: [ActionEntry] = []
        var path: [Int64] = []
        for entry in entries where scaleActions.contains(entry.action) && entry.completedForReal {
            guard let move = movement(of: entry), move.direction != 0 else { continue }
            defer { previous = (entry, move.direction) }
            guard let last = previous, last.direction != move.direction,
                entry.startedAt.timeIntervalSince(last.entry.startedAt) < thresholds.scaleGap.timeInterval
            else { continue }
            changes += 1
            if involved.last?.actionId != last.entry.actionId {
                involved.append(last.entry)
                path.append(movement(of: last.entry)?.from ?? 0)
            }
            involved.append(entry)
            path.append(move.from)
        }
        guard changes > 0, let first = involved.first, let last = involved.last else { return nil }
        if let final = movement(of: last) { path.append(final.to) }
        let length = last.startedAt.timeIntervalSince(first.startedAt)
        let effectiveness = involved.meanEffectiveness
        let severity: PatternSeverity
        if changes >= 4 && length <= 3600 && effectiveness < 0.5 {
            severity = .critical
        } else if changes >= 3 && length <= 7200 && effectiveness < 0.7 {
            severity = .high
        } else if changes >= 2 && length <= 10_800 {
            severity = .medium
        } else {
            return nil
        }
        let replicas = path.map(String.init).joined(separator: "->")
        return .make(
            .scaleOscillation, severity: severity, occurrences: changes, firstSeen: first.startedAt,
            lastSeen: last.startedAt, actions: Set(involved.map(\.action)), thresholds: thresholds,
            message: "replicas \(replicas): \(changes) direction changes within \(span(length)); effectiveness \(score(effectiveness))")
    }

    /// Replicas before and after: `before.replicas` → `after.replicas`, or the requested
    /// `parameters.replicas` when the executor did not record `after`.
    static func movement(of entry: ActionEntry) -> (from: Int64, to: Int64, direction: Int)? {
        guard let from = entry.before?["replicas"]?.intValue,
            let to = entry.after?["replicas"]?.intValue ?? entry.parameters?["replicas"]?.intValue
        else { return nil }
        return (from, to, to > from ? 1 : (to < from ? -1 : 0))
    }
}
