import BallastAPI
import Foundation
import KubeTypes

/// Resource increases alternating with scaling: two fixes fighting over the same symptom.
///
/// An alternation is a completed `increase_resources` followed by a completed scale action (or
/// the reverse) less than ``OscillationThresholds/thrashGap`` apart. Severity (Kubernaut):
/// Critical ≥ 3 alternations and mean effectiveness < 0.6; High ≥ 2 and < 0.7; Medium ≥ 1 with
/// an average alternation gap below ``OscillationThresholds/thrashFastGap``.
enum ResourceThrashingDetector {
    static func detect(_ steps: ArraySlice<Step>, thresholds: OscillationThresholds) -> Detection? {
        var alternations = 0
        var gaps = 0.0
        var involved: [Step] = []
        var earlier: Step?
        for later in steps where later.succeeded
            && (later.action == .increaseResources || later.action.isScale)
        {
            defer { earlier = later }
            guard let earlier else { continue }
            let gap = later.startedAt.timeIntervalSince(earlier.startedAt)
            guard (earlier.action == .increaseResources) != (later.action == .increaseResources),
                gap < thresholds.thrashGap.timeInterval
            else { continue }
            alternations += 1
            gaps += gap
            if involved.last?.index != earlier.index { involved.append(earlier) }
            involved.append(later)
        }
        guard alternations > 0, let first = involved.first, let last = involved.last else { return nil }
        let effectiveness = involved.meanEffectiveness
        let averageGap = gaps / Double(alternations)
        let severity: PatternSeverity
        if alternations >= 3 && effectiveness < 0.6 {
            severity = .critical
        } else if alternations >= 2 && effectiveness < 0.7 {
            severity = .high
        } else if averageGap < thresholds.thrashFastGap.timeInterval {
            severity = .medium
        } else {
            return nil
        }
        return .make(
            .resourceThrashing, severity: severity, occurrences: alternations, firstSeen: first.startedAt,
            lastSeen: last.startedAt, actions: involved.actions, thresholds: thresholds,
            message: "\(alternations) alternations of increase_resources and scaling, average gap \(span(averageGap)); effectiveness \(score(effectiveness))")
    }
}
