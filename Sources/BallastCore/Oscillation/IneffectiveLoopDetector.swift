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

    private struct Runs {
        var count = 0
        var total = 0.0
        var first = Date.distantPast
        var last = Date.distantPast
    }

    static func detect(_ steps: ArraySlice<Step>, thresholds: OscillationThresholds) -> [Detection] {
        var runs = Array(repeating: Runs(), count: ActionName.allCases.count)
        for step in steps where step.mutating && (step.state == .succeeded || step.state == .failed) {
            if runs[step.ordinal].count == 0 { runs[step.ordinal].first = step.startedAt }
            runs[step.ordinal].count += 1
            runs[step.ordinal].total += step.effectiveness
            runs[step.ordinal].last = step.startedAt
        }
        return ActionName.allCases.sorted().compactMap { action in
            let group = runs[Step.ordinal(of: action)]
            guard group.count > 0 else { return nil }
            let effectiveness = roundedMean(total: group.total, count: group.count)
            guard let row = table.first(where: { group.count >= $0.runs && effectiveness < $0.below }) else {
                return nil
            }
            return .make(
                .ineffectiveLoop, severity: row.severity, occurrences: group.count, firstSeen: group.first,
                lastSeen: group.last, actions: [action], thresholds: thresholds,
                message: "\(action.rawValue) ran \(group.count) times within \(span(group.last.timeIntervalSince(group.first))); mean effectiveness \(score(effectiveness))")
        }
    }
}
