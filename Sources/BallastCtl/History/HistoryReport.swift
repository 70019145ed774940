import BallastAPI
import Foundation
import KubeTypes

/// The readable form of an ActionHistory: header, summary, an entry table and the detected
/// patterns with the entries that are their evidence. Pure: a function of the object and `now`.
public struct HistoryReport: Sendable {
    /// The history.
    public var history: ActionHistory
    /// At most this many entries (the newest) in the table.
    public var limit: Int

    /// Creates a report.
    public init(history: ActionHistory, limit: Int = 20) {
        self.history = history
        self.limit = limit
    }

    /// The report as text.
    public func render(now: Date) -> String {
        let status = history.status
        let entries = status?.entries ?? []
        var sections = [header(now: now)]
        if entries.isEmpty {
            sections.append("No actions recorded.")
        } else {
            let shown = Array(entries.suffix(max(limit, 1)))
            var text = Self.entryTable(shown, now: now).render()
            if shown.count < entries.count {
                text += "\n(\(shown.count) newest of \(entries.count) entries; --limit shows more)"
            }
            sections.append(text)
        }
        let patterns = status?.patterns ?? []
        if patterns.isEmpty {
            sections.append("No oscillation or other harmful pattern detected.")
        } else {
            sections.append(patterns.map { Self.describe($0, entries: entries, now: now) }.joined(separator: "\n\n"))
        }
        return sections.joined(separator: "\n\n")
    }

    private func header(now: Date) -> String {
        let target = history.spec.target
        let place = target.namespace.map { "\($0)/" } ?? ""
        var lines = ["ActionHistory \(history.metadata.namespace ?? "")/\(history.metadata.name ?? "") of \(target.kind) \(place)\(target.name)"]
        if let summary = history.status?.summary {
            let last = summary.lastActionAt.map { ", last \(RelativeTime.describe($0, now: now))" } ?? ""
            lines.append("Actions:        \(summary.totalActions)\(last)")
            if let effectiveness = summary.effectiveness {
                let byAction = (effectiveness.byAction ?? [:]).sorted { $0.key < $1.key }
                    .map { "\($0.key) \(Text.fraction($0.value))" }.joined(separator: ", ")
                lines.append("Effectiveness:  \(Text.fraction(effectiveness.overall)) overall\(byAction.isEmpty ? "" : " (\(byAction))")")
            }
        }
        if let oscillating = history.status?.conditions?.condition("Oscillating") {
            lines.append("Oscillating:    \(oscillating.status.rawValue) (\(oscillating.reason): \(Text.singleLine(oscillating.message, maxLength: 100)))")
        }
        return lines.joined(separator: "\n")
    }

    /// The entry table: time, action, state, source, confidence, effectiveness, request, change.
    static func entryTable(_ entries: [ActionEntry], now: Date) -> TextTable {
        var table = TextTable(headers: ["Time", "Action", "State", "Source", "Confidence", "Effectiveness", "Request", "Change"])
        for entry in entries {
            table.append([
                RelativeTime.describe(entry.startedAt, now: now), entry.action.rawValue, entry.state.rawValue,
                entry.source?.rawValue ?? "-", Text.fraction(entry.confidence), Text.fraction(entry.effectiveness),
                entry.request?.name ?? "-", change(entry),
            ])
        }
        return table
    }

    /// `replicas 3->6, memoryLimit 512Mi->768Mi` from `before`/`after`, else the message.
    static func change(_ entry: ActionEntry) -> String {
        let before = entry.before ?? [:]
        let after = entry.after ?? [:]
        let keys = Set(before.keys).union(after.keys).sorted()
        let changes = keys.compactMap { key -> String? in
            let from = before[key].map(scalar) ?? "-"
            let to = after[key].map(scalar) ?? "-"
            return from == to ? nil : "\(key) \(from)->\(to)"
        }
        return changes.isEmpty ? (entry.message ?? "-") : changes.joined(separator: ", ")
    }

    /// A JSON value as a short cell: strings bare, everything else as compact JSON.
    static func scalar(_ value: JSONValue) -> String {
        value.stringValue ?? value.canonicalString()
    }

    /// A pattern as a paragraph: what, how bad, what the operator does, until when, and the
    /// entries inside its span as evidence.
    static func describe(_ pattern: DetectedPattern, entries: [ActionEntry], now: Date) -> String {
        var lines = ["\(pattern.type.rawValue) (\(pattern.severity.rawValue)): \(pattern.message)"]
        lines.append("  \(pattern.occurrences) occurrences within \(pattern.window), first \(RelativeTime.describe(pattern.firstSeen, now: now)), last \(RelativeTime.describe(pattern.lastSeen, now: now))")
        let effect: String
        if let until = pattern.blockedUntil, until > now {
            effect = "mutating actions on this target are denied until \(RelativeTime.exact(until, now: now))"
        } else if let until = pattern.blockedUntil {
            effect = "the block ended \(RelativeTime.describe(until, now: now))"
        } else {
            effect = "nothing is blocked"
        }
        lines.append("  prevention: \(pattern.prevention.rawValue); \(effect)")
        let evidence = entries.filter { $0.startedAt >= pattern.firstSeen && $0.startedAt <= pattern.lastSeen }
        if !evidence.isEmpty {
            lines.append("  evidence:")
            for entry in evidence {
                let score = entry.effectiveness.map { ", effectiveness \(Text.fraction($0))" } ?? ""
                lines.append("    \(KubeTime.format(entry.startedAt))  \(entry.action.rawValue)  \(change(entry))  (\(entry.state.rawValue)\(score))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
