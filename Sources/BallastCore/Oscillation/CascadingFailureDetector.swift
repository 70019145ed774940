import BallastAPI
import Foundation
import KubeTypes

/// Actions followed by new trouble: distinct alerts that start firing on the target within
/// ``OscillationThresholds/cascadeWindow`` after a real action.
///
/// Kubernaut gives the 30-minute window and says the count is "combined with the recurrence
/// rate"; Ballast's numbers: Critical ≥ 3 cascading actions; High 2; Medium 1 that raised ≥ 2
/// distinct new alerts; Low 1. When at least half of the actions also saw their own alert fire
/// again within the window (recurrence), the severity goes up one level.
enum CascadingFailureDetector {
    static func detect(
        _ steps: ArraySlice<Step>, alerts: AlertIndex, now: Date, thresholds: OscillationThresholds
    ) -> Detection? {
        var actions = 0
        var cascading: [Step] = []
        var newAlerts = Array(repeating: false, count: alerts.names.count)
        var maxDistinct = 0
        var recurrences = 0
        for step in steps where step.succeeded && step.mutating {
            actions += 1
            let end = min(now, step.startedAt.addingTimeInterval(thresholds.cascadeWindow.timeInterval))
            var fresh = 0
            for id in alerts.names.indices where id != step.alert && alerts.fires(id, after: step.startedAt, through: end) {
                fresh += 1
                newAlerts[id] = true
            }
            if alerts.fires(step.alert, after: step.startedAt, through: end) { recurrences += 1 }
            guard fresh > 0 else { continue }
            cascading.append(step)
            maxDistinct = max(maxDistinct, fresh)
        }
        guard let first = cascading.first, let last = cascading.last else { return nil }
        var level: PatternSeverity
        switch cascading.count {
        case 3...: level = .critical
        case 2: level = .high
        default: level = maxDistinct >= 2 ? .medium : .low
        }
        let recurrenceRate = Double(recurrences) / Double(actions)
        if recurrenceRate >= 0.5, let index = PatternSeverity.allCases.firstIndex(of: level),
            index + 1 < PatternSeverity.allCases.count
        {
            level = PatternSeverity.allCases[index + 1]
        }
        let names = alerts.names.indices.filter { newAlerts[$0] }.map { alerts.names[$0] }.joined(separator: ", ")
        return .make(
            .cascadingFailure, severity: level, occurrences: cascading.count, firstSeen: first.startedAt,
            lastSeen: last.startedAt, actions: cascading.actions, thresholds: thresholds,
            message: "\(cascading.count) of \(actions) actions were followed within \(thresholds.cascadeWindow) by new alerts (\(names)); recurrence rate \(score(recurrenceRate))")
    }
}
