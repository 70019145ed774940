import BallastAPI

/// Log excerpts: at most ``DiagnosticsBounds/maxLogs`` of them, each its newest lines within
/// ``DiagnosticsBounds/maxLogLines`` and ``DiagnosticsBounds/maxLogBytes``.
extension DiagnosticsSummarizer {
    /// `logs` in their order, bounded; appends a note to `cuts` for excerpts left out and for
    /// each excerpt whose lines were cut to fit its bytes.
    static func bounded(_ logs: [DiagnosticsLog], bounds: DiagnosticsBounds, cuts: inout [String]) -> [DiagnosticsLog] {
        if logs.count > bounds.maxLogs {
            cuts.append("\(logs.count - bounds.maxLogs) more log excerpts left out")
        }
        return logs.prefix(bounds.maxLogs).map { excerpt in
            let pod = StoredText.cut(excerpt.pod, to: DiagnosticsLimits.nameBytes)
            let container = StoredText.cut(excerpt.container, to: DiagnosticsLimits.containerNameBytes)
            let lines = newestLines(Array(excerpt.lines.suffix(bounds.maxLogLines)), within: bounds.maxLogBytes)
            if lines.cut {
                cuts.append("log of \(pod)/\(container) cut to its last \(lines.kept.count) lines (\(bounds.maxLogBytes) bytes)")
            }
            return DiagnosticsLog(pod: pod, container: container, lines: lines.kept)
        }
    }

    /// The newest of `lines` whose stored bytes together stay within `budget`, oldest first; the
    /// newest line alone is cut to the budget when it exceeds it. `cut` tells whether anything
    /// was dropped or shortened.
    static func newestLines(_ lines: [String], within budget: Int) -> (kept: [String], cut: Bool) {
        var kept: [String] = []
        var used = 0
        for line in lines.reversed() {
            let cost = StoredText.bytes(of: line)
            if used + cost <= budget {
                kept.append(line)
                used += cost
            } else {
                if kept.isEmpty { kept.append(StoredText.cut(line, to: budget)) }
                return (kept.reversed(), true)
            }
        }
        return (kept.reversed(), false)
    }
}
