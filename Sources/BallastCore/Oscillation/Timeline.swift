import BallastAPI
import Foundation
import KubeTypes

/// One ActionHistory entry reduced to the plain values the detectors read, so that the hot
/// loops copy a few machine words instead of whole entries (strings and dictionaries).
struct Step: Sendable, Hashable {
    /// Position in the timeline (canonical order), used as identity.
    var index: Int
    var startedAt: Date
    var action: ActionName
    /// Position of `action` in `ActionName.allCases`, for array-indexed tallies.
    var ordinal: Int
    var state: EntryState
    /// Whether the action can change the cluster.
    var mutating: Bool
    /// Detection effectiveness: failed and unscored runs count 0 (see ``ActionEntry``).
    var effectiveness: Double
    /// Interned alert name (``AlertIndex/id(of:)``), or -1.
    var alert: Int
    /// Replicas before and after, when recorded (scale actions).
    var replicasFrom: Int64?
    var replicasTo: Int64?

    /// Whether the action ran for real and completed.
    var succeeded: Bool { state == .succeeded }

    private static let actions = ActionName.allCases
    private static let mutatingByOrdinal = actions.map { ActionCatalog.mutating.contains($0) }

    /// Position of `action` in `ActionName.allCases` (a short linear scan: cheaper than hashing).
    static func ordinal(of action: ActionName) -> Int { actions.firstIndex(of: action) ?? 0 }

    /// Whether the action at `ordinal` is mutating.
    static func isMutating(ordinal: Int) -> Bool { mutatingByOrdinal[ordinal] }
}

/// Alert observations grouped by interned name, each group in canonical order.
struct AlertIndex: Sendable {
    /// Alert names, sorted; an alert's id is its position here.
    let names: [String]
    /// Per alert id: its observations, oldest first.
    let observations: [[AlertObservation]]
    /// Firing times of every alert, grouped by id and sorted within each group; flat, so the hot
    /// loop of cascade detection does no reference counting.
    private let firingTimes: [Date]
    /// Per alert id: its range in ``firingTimes``.
    private let firingRanges: [Range<Int>]
    private let ids: [String: Int]

    init(_ alerts: [AlertObservation], extraNames: [String]) {
        // Group by first appearance (one hash per observation), then renumber by sorted name.
        var firstIds: [String: Int] = [:]
        var grouped: [[AlertObservation]] = []
        var previous: (name: String, id: Int)?
        for alert in alerts {
            if let previous, previous.name == alert.name {
                grouped[previous.id].append(alert)
            } else if let id = firstIds[alert.name] {
                previous = (alert.name, id)
                grouped[id].append(alert)
            } else {
                previous = (alert.name, grouped.count)
                firstIds[alert.name] = grouped.count
                grouped.append([alert])
            }
        }
        for name in extraNames where firstIds[name] == nil {
            firstIds[name] = grouped.count
            grouped.append([])
        }
        names = firstIds.keys.sorted()
        ids = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })
        observations = names.map { name in
            (firstIds[name].map { grouped[$0] } ?? []).sorted(by: AlertObservation.canonicalOrder)
        }
        var times: [Date] = []
        var ranges: [Range<Int>] = []
        for group in observations {
            let start = times.count
            times += group.filter { $0.state == .firing }.map(\.at)
            ranges.append(start..<times.count)
        }
        firingTimes = times
        firingRanges = ranges
    }

    /// The id of `name`, or -1 when no observation or entry mentions it.
    func id(of name: String?) -> Int { name.flatMap { ids[$0] } ?? -1 }

    /// Whether alert `id` fired in `(start, end]` (binary search).
    func fires(_ id: Int, after start: Date, through end: Date) -> Bool {
        guard firingRanges.indices.contains(id) else { return false }
        let range = firingRanges[id]
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if firingTimes[middle] <= start { low = middle + 1 } else { high = middle }
        }
        return low < range.upperBound && firingTimes[low] <= end
    }
}

/// A target's history prepared once for any number of analyses: entries in canonical order as
/// ``Step``s and alert observations indexed by name.
public struct Timeline: Sendable {
    let steps: [Step]
    let alerts: AlertIndex

    /// Prepares `entries` and `alerts` (any order).
    public init(entries: [ActionEntry], alerts: [AlertObservation]) {
        // Sorting positions rather than entries avoids moving whole entries around.
        self.init(entries: entries, positions: ActionEntry.canonicalPositions(entries), alerts: alerts)
    }

    /// Prepares the entries at `positions` (already in canonical order) and `alerts`.
    public init(entries: [ActionEntry], positions order: [Int], alerts: [AlertObservation]) {
        var names = Set<String>()
        var previous: String?
        for position in order {
            guard let alert = entries[position].alert, alert != previous else { continue }
            previous = alert
            names.insert(alert)
        }
        let index = AlertIndex(alerts, extraNames: Array(names))
        self.alerts = index
        self.steps = order.enumerated().map { position, original in
            let entry = entries[original]
            let scale = entry.action.isScale
            let ordinal = Step.ordinal(of: entry.action)
            return Step(
                index: position, startedAt: entry.startedAt, action: entry.action, ordinal: ordinal, state: entry.state,
                mutating: Step.isMutating(ordinal: ordinal), effectiveness: entry.detectionEffectiveness,
                alert: index.id(of: entry.alert), replicasFrom: scale ? entry.before?["replicas"]?.intValue : nil,
                replicasTo: scale ? (entry.after?["replicas"]?.intValue ?? entry.parameters?["replicas"]?.intValue) : nil)
        }
    }

    /// The steps started in `[start, end]` (binary search; no copy).
    func steps(from start: Date, through end: Date) -> ArraySlice<Step> {
        steps[firstIndex { $0.startedAt >= start }..<firstIndex { $0.startedAt > end }]
    }

    private func firstIndex(where predicate: (Step) -> Bool) -> Int {
        var low = 0
        var high = steps.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(steps[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension Collection where Element == Step {
    /// The distinct actions of these steps (tallied by ordinal: no hashing per step).
    var actions: Set<ActionName> {
        var seen = Array(repeating: false, count: ActionName.allCases.count)
        for step in self { seen[step.ordinal] = true }
        return Set(ActionName.allCases.enumerated().filter { seen[$0.offset] }.map(\.element))
    }

    /// Mean detection effectiveness (see ``roundedMean(total:count:)``); 0 for no steps.
    var meanEffectiveness: Double {
        roundedMean(total: reduce(0) { $0 + $1.effectiveness }, count: count)
    }
}
