import Foundation
import KubeClient

/// The API server's own count of the requests it served (`apiserver_request_total` on its
/// `/metrics`), so the benchmark measures API traffic where it lands rather than trusting the
/// client's own bookkeeping.
struct APIServerRequests: Sendable, Equatable {
    /// Requests served, by verb (`GET`, `LIST`, `POST`, `PUT`, `PATCH`, `DELETE`, …); long-running
    /// `WATCH`es are left out (they are streams, not calls).
    var byVerb: [String: Double]
    /// Of those, the Events created or updated (written off the request path, concurrently).
    var eventWrites: Double = 0
    /// The calls by `VERB resource[/subresource]`, dry runs included (the server counts them
    /// as writes too), so a report can say where the calls went.
    var callsByTarget: [String: Double] = [:]

    /// The verbs that write.
    static let writeVerbs: Set<String> = ["POST", "PUT", "PATCH", "DELETE", "DELETECOLLECTION", "APPLY"]

    /// Every call served.
    var calls: Double { byVerb.values.reduce(0, +) }
    /// The writes served.
    var writes: Double { byVerb.filter { Self.writeVerbs.contains($0.key) }.values.reduce(0, +) }

    /// The requests served since `earlier`.
    func since(_ earlier: APIServerRequests) -> APIServerRequests {
        APIServerRequests(
            byVerb: byVerb.reduce(into: [:]) { result, entry in result[entry.key] = entry.value - (earlier.byVerb[entry.key] ?? 0) },
            eventWrites: eventWrites - earlier.eventWrites,
            callsByTarget: callsByTarget.reduce(into: [:]) { result, entry in
                result[entry.key] = entry.value - (earlier.callsByTarget[entry.key] ?? 0)
            })
    }

    /// The calls by target, largest first, each divided by `per` and shown when at least 0.05
    /// (`"PUT remediationrequests/status 2.0"`).
    func breakdown(per count: Double) -> String {
        callsByTarget.filter { $0.value / count >= 0.05 }.sorted { $0.value > $1.value }
            .map { String(format: "%@ %.1f", $0.key, $0.value / count) }.joined(separator: ", ")
    }

    /// Reads the counters now. - Throws: ``KubeError`` when `/metrics` cannot be read.
    static func read(_ client: KubeClient) async throws -> APIServerRequests {
        try parse(await client.raw("/metrics"))
    }

    /// Sums `apiserver_request_total` samples by their `verb` label, skipping watches and
    /// non-resource paths (health checks, `/metrics` itself).
    static func parse(_ text: String) -> APIServerRequests {
        var counts = APIServerRequests(byVerb: [:])
        for line in text.split(separator: "\n") where line.hasPrefix("apiserver_request_total{") {
            guard let close = line.lastIndex(of: "}"), let value = Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces))
            else { continue }
            let labels = label(in: line[..<close])
            guard var verb = labels["verb"], !verb.hasPrefix("WATCH"), verb != "CONNECT", labels["resource"]?.isEmpty == false else { continue }
            // Kubernetes 1.20 reports the GET of a custom resource that does not exist as a
            // LIST answered 404 (a real list never is: an empty one is a 200).
            let missing = verb == "LIST" && labels["code"] == "404"
            if missing { verb = "GET" }
            counts.byVerb[verb, default: 0] += value
            guard let resource = labels["resource"] else { continue }
            if resource == "events", writeVerbs.contains(verb) { counts.eventWrites += value }
            let subresource = labels["subresource"].flatMap { $0.isEmpty ? nil : "/\($0)" } ?? ""
            counts.callsByTarget["\(verb) \(resource)\(subresource)\(missing ? " (not found)" : "")", default: 0] += value
        }
        return counts
    }

    /// The `name="value"` pairs of a sample's label set (values in the API server's metrics
    /// carry no escaped quotes).
    private static func label(in text: Substring) -> [String: String] {
        var labels: [String: String] = [:]
        for pair in text.drop(while: { $0 != "{" }).dropFirst().split(separator: "\",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            labels[String(parts[0]).trimmingCharacters(in: .init(charactersIn: ","))] = String(parts[1]).trimmingCharacters(in: .init(charactersIn: "\""))
        }
        return labels
    }
}
