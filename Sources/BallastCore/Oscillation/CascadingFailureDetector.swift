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
        _ entries: [ActionEntry], alerts: [AlertObservation], thresholds: OscillationThresholds
    ) -> Detection? {
        let actions = entries.filter { $0.completedForReal && ActionCatalog.spec(for: $0.action).mutating }
        guard !actions.isEmpty else { return nil }
        let firing = alerts.filter { $0.state == .firing }.sorted(by: AlertObservation.canonicalOrder)
        var cascading: [ActionEntry] = []
        var newAlerts = Set<String>()
        var maxDistinct = 0
        var recurrences = 0
        for entry in actions {
            let end = entry.startedAt.addingTimeInterval(thresholds.cascadeWindow.timeInterval)
            let after = firing[firing.firstIndex(after: entry.startedAt)...].prefix { $0.at <= end }
            let fresh = Set(after.map(\.name).filter { $0 != entry.alert })
            if after.contains(where: { $0.name == entry.alert }) { recurrences += 1 }
            guard !fresh.isEmpty else { continue }
            cascading.append(entry)
            newAlerts.formUnion(fresh)
            maxDistinct = max(maxDistinct, fresh.count)
        }
        guard let first = cascading.first, let last = cascading.last else { return nil }
        var level: PatternSeverity
        switch cascading.count {
        case 3...: level = .critical
        case 2: level = .high
        default: level = maxDistinct >= 2 ? .medium : .low
        }
        let recurrenceRate = Double(recurrences) / Double(actions.count)
        if recurrenceRate >= 0.5, let index = PatternSeverity.allCases.firstIndex(of: level),
            index + 1 < PatternSeverity.allCases.count
        {
            level = PatternSeverity.allCases[index + 1]
        }
        return .make(
            .cascadingFailure, severity: level, occurrences: cascading.count, firstSeen: first.startedAt,
            lastSeen: last.startedAt, actions: Set(cascading.map(\.action)), thresholds: thresholds,
            message: "\(cascading.count) of \(actions.count) actions were followed within \(thresholds.cascadeWindow) by new alerts (\(newAlerts.sorted().joined(separator: ", "))); recurrence rate \(score(recurrenceRate))")
    }
}

extension Array where Element == AlertObservation {
    /// The index of the first observation strictly after `date` (binary search; the array must
    /// be in canonical order).
    func firstIndex(after date: Date) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle].at <= date { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
