import BallastAPI
import Foundation
import KubeTypes

/// Replica counts going up and down: the classic thrash of an autoscaler fighting a bad signal.
///
/// A direction change is counted between consecutive completed scale actions on the target less
/// than ``OscillationThresholds/scaleGap`` apart whose replica movement reverses (replicas come
/// from the entry's `before.replicas` → `after.replicas`, or the requested `parameters.replicas`).
/// Severity (Kubernaut): Critical ≥ 4 changes within ≤ 60m and mean effectiveness < 0.5; High
/// ≥ 3 within ≤ 120m and < 0.7; Medium ≥ 2 within ≤ 180m.
enum ScaleOscillationDetector {
    static func detect(_ steps: ArraySlice<Step>, thresholds: OscillationThresholds) -> Detection? {
        var previous: (step: Step, direction: Int)?
        var changes = 0
        var involved: [Step] = []
        for step in steps where step.succeeded && step.action.isScale {
            guard let from = step.replicasFrom, let to = step.replicasTo, from != to else { continue }
            let direction = to > from ? 1 : -1
            defer { previous = (step, direction) }
            guard let last = previous, last.direction != direction,
                step.startedAt.timeIntervalSince(last.step.startedAt) < thresholds.scaleGap.timeInterval
            else { continue }
            changes += 1
            if involved.last?.index != last.step.index { involved.append(last.step) }
            involved.append(step)
        }
        guard changes > 0, let first = involved.first, let last = involved.last else { return nil }
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
        let path = (involved.compactMap(\.replicasFrom) + [last.replicasTo].compactMap { $0 }).map(String.init)
        return .make(
            .scaleOscillation, severity: severity, occurrences: changes, firstSeen: first.startedAt,
            lastSeen: last.startedAt, actions: involved.actions, thresholds: thresholds,
            message: "replicas \(path.joined(separator: "->")): \(changes) direction changes within \(span(length)); effectiveness \(score(effectiveness))")
    }
}

extension ActionName {
    /// Whether this is one of the scale actions (`scale_deployment`, `scale_statefulset`).
    var isScale: Bool { self == .scaleDeployment || self == .scaleStatefulSet }
}
