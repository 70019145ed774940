import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One of the operator's per-controller reconcile histograms, read from its `/metrics`:
/// `ballast_reconcile_overhead_seconds` (the part of each reconcile with no API call in flight,
/// measured inside the operator by `APIWaitMeter`) or `ballast_reconcile_duration_seconds` (whole
/// reconciles, all results summed), so the benchmark reports the operator's overhead and its
/// workers' waiting directly instead of inferring them from end-to-end latency.
struct ReconcileHistogram: Sendable, Equatable {
    /// The overhead family.
    static let overhead = "ballast_reconcile_overhead_seconds"
    /// The duration family.
    static let duration = "ballast_reconcile_duration_seconds"

    /// Cumulative counts by upper bound in seconds (`le`), `+Inf` as `.infinity`.
    var buckets: [Double: Double]
    var sum: Double
    var count: Double

    /// The observations since `earlier`.
    func since(_ earlier: ReconcileHistogram) -> ReconcileHistogram {
        ReconcileHistogram(
            buckets: buckets.reduce(into: [:]) { $0[$1.key] = $1.value - (earlier.buckets[$1.key] ?? 0) },
            sum: sum - earlier.sum, count: count - earlier.count)
    }

    /// The smallest bucket bound holding at least `quantile` of the observations (an upper
    /// bound on that quantile); `nil` without observations.
    func upperBound(_ quantile: Double) -> Double? {
        guard count > 0 else { return nil }
        return buckets.sorted { $0.key < $1.key }.first { $0.value >= quantile * count }?.key
    }

    /// Reads the histogram `family` of `controller` from `/metrics` at `port` on loopback.
    static func read(port: Int, family: String, controller: String) async throws -> ReconcileHistogram {
        guard let url = URL(string: "http://127.0.0.1:\(port)/metrics") else { throw BenchFailure("bad metrics port \(port)") }
        let (data, _) = try await URLSession.shared.data(from: url)
        return parse(String(decoding: data, as: UTF8.self), family: family, controller: controller)
    }

    /// The samples of `family` for `controller` in Prometheus text format, summed over the
    /// other labels (the duration's `result`).
    static func parse(_ text: String, family: String, controller: String) -> ReconcileHistogram {
        let selector = "controller=\"\(controller)\""
        var histogram = ReconcileHistogram(buckets: [:], sum: 0, count: 0)
        for line in text.split(separator: "\n") where line.hasPrefix(family) && line.contains(selector) {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Double(parts[1]) else { continue }
            if line.hasPrefix(family + "_sum") {
                histogram.sum += value
            } else if line.hasPrefix(family + "_count") {
                histogram.count += value
            } else if let range = line.range(of: "le=\""), let end = line[range.upperBound...].firstIndex(of: "\"") {
                let bound = String(line[range.upperBound..<end])
                histogram.buckets[bound == "+Inf" ? .infinity : Double(bound) ?? .nan, default: 0] += value
            }
        }
        return histogram
    }

    /// One line: reconciles, mean per reconcile and per request, p50/p99 upper bounds.
    func summary(_ what: String, requests: Int) -> String {
        func milliseconds(_ seconds: Double?) -> String {
            guard let seconds else { return "-" }
            return seconds.isInfinite ? "> 1000 ms" : String(format: "%g ms", seconds * 1000)
        }
        return String(format: "%@: operator overhead (reconcile time with no API call in flight, measured in the operator) "
                      + "%.2f ms per request on average over %.0f reconciles (%.1f per request); per reconcile p50 ≤ %@, p99 ≤ %@",
                      what, count > 0 ? 1000 * sum / Double(max(requests, 1)) : 0, count, count / Double(max(requests, 1)),
                      milliseconds(upperBound(0.5)), milliseconds(upperBound(0.99)))
    }
}
