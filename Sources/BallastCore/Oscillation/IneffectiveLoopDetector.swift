import BallastAPI
import Foundation
import KubeTypes

/// The same action repeated on the target without helping: "restart it again" forever.
///
/// Counts, per mutating action, the completed or failed runs in the window and their mean
/// effectiveness (failed and unscored runs count 0). Severity (Kubernaut): Critical ≥ 5 runs and
/// < 0.3; High ≥ 4 and < 0.5; Medium ≥ 3 and < 0.6; Low ≥ 2 and < 0.4. One detection per action.
enum IneffectiveLoopDetector {
    static let table: [(severity: PatternSeverity, runs: Int, below: Double)] = [
        (.critical, 5, 0.3), (.high, 4, 0.5), (.medium, 3, 0.6), (.low, 2, 0.4),
    ]

    static func detect(_ entries: [ActionEntry], thresholds: OscillationThresholds) -> [Detection] {
        let runs = Dictionary(grouping: entries.filter { entry in
            (entry.state == .succeeded || entry.state == .failed) && ActionCatalog.spec(for: entry.action).mutating
        }, by: \.action)
        return runs.keys.sorted().compactMap { action in
            guard let group = runs[action], let first = group.first, let last = group.last else { return nil }
            let effectiveness = group.meanEffectiveness
            guard let row = table.first(where: { group.count >= $0.runs && effectiveness < $0.below }) else {
                return nil
            }
            return .make(
                .ineffectiveLoop, severity: row.severity, occurrences: group.count, firstSeen: first.startedAt,
                lastSeen: last.startedAt, actions: [action], thresholds: thresholds,
                message: "\(action.rawValue) ran \(group.count) times within \(span(last.startedAt.timeIntervalSince(first.startedAt))); mean effectiveness \(score(effectiveness))")
        }
    }
}
