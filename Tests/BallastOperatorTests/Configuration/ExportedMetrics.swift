import BallastAPI
import CoreMetrics
import Foundation
import Prometheus
import Testing
@testable import BallastOperator

/// Every metric family the operator exports, read back from a rendered registry the way
/// Prometheus would see it: name, type, help text and label names.
struct ExportedMetrics {
    struct Family: Equatable {
        var type: String
        var help: String
        var labels: Set<String>
    }

    let families: [String: Family]

    /// Records one sample through every ``BallastMetrics`` method and every label the
    /// ``OperatorMetricsFactory`` bridge exports, and parses `/metrics`.
    init() throws {
        let metrics = BallastMetrics(registry: PrometheusCollectorRegistry())
        metrics.recordRemediation(phase: .completed, action: .scaleDeployment, outcome: .succeeded)
        metrics.recordDecision(source: .llm, model: "m")
        let bridge = OperatorMetricsFactory(metrics: metrics)
        let model = [("provider", "p"), ("model", "m")]
        Timer(label: "ballast_llm_request_duration_seconds", dimensions: model, factory: bridge).recordSeconds(1)
        Counter(label: "ballast_llm_requests_total", dimensions: model + [("outcome", "ok")], factory: bridge).increment()
        Counter(label: "ballast_llm_tokens_total", dimensions: model + [("kind", "prompt")], factory: bridge).increment()
        Timer(label: "ballast_reconcile_duration_seconds", dimensions: [("controller", "c"), ("result", "success")], factory: bridge)
            .recordMilliseconds(1)
        Timer(label: "ballast_reconcile_overhead_seconds", dimensions: [("controller", "c")], factory: bridge).recordMilliseconds(1)
        Gauge(label: "ballast_workqueue_depth", dimensions: [("controller", "c")], factory: bridge).record(1)
        metrics.recordPolicyDenial(reasons: [.coolingOff])
        metrics.recordOscillation(type: .scaleOscillation, severity: .high)
        metrics.setBreakerState(breaker: "llm", state: .open)
        metrics.recordAlertResolution(after: .seconds(60))
        metrics.recordNotification(code: 200)
        metrics.recordReceivedAlert(status: .firing, result: .created)
        metrics.recordAlertTimelineWrite(result: .recorded)
        metrics.recordAlertTimelineBacklog(0)
        var families: [String: Family] = [:]
        let lines = String(decoding: metrics.render(), as: UTF8.self).split(separator: "\n").map(String.init)
        for line in lines where line.hasPrefix("# TYPE ") {
            let parts = line.split(separator: " ")
            families[String(parts[2])] = Family(type: String(parts[3]), help: "", labels: [])
        }
        for line in lines {
            if line.hasPrefix("# HELP ") {
                let parts = line.split(separator: " ", maxSplits: 3)
                families[String(parts[2])]?.help = parts.count > 3 ? String(parts[3]) : ""
            } else if !line.hasPrefix("#"), let brace = line.firstIndex(of: "{") {
                let sample = String(line[..<brace])
                let family = families.keys.first { sample == $0 || sample == "\($0)_bucket" } ?? sample
                let labels = line[line.index(after: brace)..<(line.firstIndex(of: "}") ?? line.endIndex)]
                    .split(separator: ",").compactMap { $0.split(separator: "=").first.map(String.init) }
                families[family]?.labels.formUnion(labels.filter { $0 != "le" })
            }
        }
        self.families = families
        let declared = try Self.declaredFamilyCount()
        try #require(families.count == declared, "MetricFamilies declares \(declared) families, the registry rendered \(families.count): record the new one above")
    }

    /// The series names a PromQL expression may use: counters and gauges by name, histograms by
    /// their `_bucket`, `_count` and `_sum` series.
    var seriesNames: Set<String> {
        Set(families.flatMap { name, family in
            family.type == "histogram" ? ["\(name)_bucket", "\(name)_count", "\(name)_sum"] : [name]
        })
    }

    /// The number of families MetricFamilies.swift declares (one `MetricNameDescriptor` each).
    static func declaredFamilyCount() throws -> Int {
        let source = try String(
            contentsOf: ReceiverCluster.repositoryRoot.appendingPathComponent("Sources/BallastOperator/Metrics/MetricFamilies.swift"),
            encoding: .utf8)
        return source.components(separatedBy: "\n").filter { $0.contains("static var") && $0.contains(": MetricNameDescriptor") }.count
    }

    /// Every `ballast_…` name in `text`.
    static func referencedNames(in text: String) -> Set<String> {
        let regex = /ballast_[a-z_]+/
        return Set(text.matches(of: regex).map { String($0.output) })
    }
}
