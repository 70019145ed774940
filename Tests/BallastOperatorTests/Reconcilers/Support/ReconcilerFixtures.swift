import BallastAPI
import Foundation
import KubeTypes

/// Entries, patterns and policies shared by the reconciler tests.
enum ReconcilerFixture {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let web = TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web")

    /// `minutes` before ``now``.
    static func ago(_ minutes: Double) -> Date { now.addingTimeInterval(-minutes * 60) }

    /// A scale entry moving replicas `from` → `to`, `minutesAgo` before `now`.
    static func scale(
        _ from: Int64, _ to: Int64, at minutesAgo: Double, state: EntryState = .succeeded, effectiveness: Double? = 0.2,
        relativeTo now: Date = now
    ) -> ActionEntry {
        ActionEntry(
            actionId: "scale-\(minutesAgo)", alert: "KubeHpaReplicasMismatch", action: .scaleDeployment, state: state,
            startedAt: now.addingTimeInterval(-minutesAgo * 60), before: ["replicas": .int(from)], after: ["replicas": .int(to)],
            effectiveness: effectiveness)
    }

    /// An entry of `action` in `state`, `minutesAgo` before `now`.
    static func entry(
        _ action: ActionName, _ state: EntryState, at minutesAgo: Double, relativeTo now: Date = now
    ) -> ActionEntry {
        ActionEntry(
            actionId: "\(action.rawValue)-\(minutesAgo)", action: action, state: state,
            startedAt: now.addingTimeInterval(-minutesAgo * 60), effectiveness: state == .succeeded ? 1 : nil)
    }

    /// Five scale entries 3↔6 ten minutes apart, ending `minutesAgo` before `now`, all poorly
    /// effective: a Critical scale oscillation (and ineffective loop).
    static func oscillation(endingAt minutesAgo: Double = 10, relativeTo now: Date = now) -> [ActionEntry] {
        (0..<5).map { index in
            let up = index % 2 == 0
            return scale(up ? 3 : 6, up ? 6 : 3, at: minutesAgo + Double(4 - index) * 10, relativeTo: now)
        }
    }

    /// A pattern record of `type` and `severity`.
    static func pattern(
        _ type: PatternType, _ severity: PatternSeverity, message: String = "seen", firstSeen: Double = 30
    ) -> DetectedPattern {
        DetectedPattern(
            type: type, severity: severity, occurrences: 3, window: .hours(2), firstSeen: ago(firstSeen), lastSeen: ago(5),
            prevention: severity >= .high ? .coolOff : .alternative, blockedUntil: ago(-25), message: message)
    }

    /// A cluster-scoped policy named `name`.
    static func policy(_ name: String, _ spec: SafetyPolicySpec = SafetyPolicySpec(), status: SafetyPolicyStatus? = nil) -> SafetyPolicy {
        SafetyPolicy(metadata: ObjectMeta(name: name, generation: 3), spec: spec, status: status)
    }
}
