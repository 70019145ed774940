import Foundation

extension EvalReport {
    /// A fixed-width comparison table: one column per engine, one row per figure, then the
    /// per-category accuracies and the scenarios each engine got wrong.
    public func renderTable() -> String {
        let categories = Set(engines.flatMap { $0.byCategory.keys }).sorted()
        var rows: [(String, [String])] = [("engine", engines.map(\.engine))]
        rows.append(("accuracy", engines.map { Self.score($0.overall) }))
        for category in categories {
            rows.append(("  \(category)", engines.map { $0.byCategory[category].map(Self.score) ?? "-" }))
        }
        rows.append(("remediated (not escalated)", engines.map { Self.score($0.remediation) }))
        rows.append(("invalid output", engines.map { Self.percent($0.invalidOutputRate) }))
        rows.append(("fallback to rules", engines.map { Self.percent($0.fallbackRate) }))
        rows.append(("confident (≥\(EngineReport.highConfidence))", engines.map { Self.score($0.highConfidence) }))
        rows.append(("unsure (<\(EngineReport.highConfidence))", engines.map { Self.score($0.lowConfidence) }))
        rows.append(("latency p50/p95/p99 ms", engines.map {
            String(format: "%.1f/%.1f/%.1f", $0.latencyP50Ms, $0.latencyP95Ms, $0.latencyP99Ms)
        }))
        rows.append(("tokens per decision", engines.map { String(format: "%.0f", $0.tokensPerDecision) }))
        let labelWidth = rows.map { $0.0.count }.max() ?? 0
        let columnWidth = max(14, rows.flatMap { $0.1.map(\.count) }.max() ?? 0)
        var lines = ["\(scenarioCount) scenarios"]
        for (label, values) in rows {
            let cells = values.map { $0.padding(toLength: columnWidth, withPad: " ", startingAt: 0) }
            lines.append(label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  " + cells.joined(separator: "  "))
        }
        for engine in engines {
            let wrong = engine.results.filter { !$0.correct }
            guard !wrong.isEmpty else { continue }
            lines.append("")
            lines.append("\(engine.engine): \(wrong.count) wrong")
            lines += wrong.map { result in
                let fallback = result.fallback.flatMap { $0 == FallbackReason.noProvider.code ? nil : " [fallback \($0)]" } ?? ""
                return "  \(result.scenario): \(result.mismatch ?? "")" + fallback
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Pretty-printed JSON with sorted keys.
    public func renderJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func score(_ score: Score) -> String {
        score.count == 0 ? "-" : "\(percent(score.accuracy)) (\(score.correct)/\(score.count))"
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}
