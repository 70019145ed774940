import Foundation

/// A real Prometheus (Debian's prometheus 2.42) on loopback scraping one target's `/metrics`
/// every second, started by `hack/alertmanager.sh prometheus`.
final class RealPrometheus: Sendable {
    private let peer: LoopbackPeer

    /// Starts Prometheus (installing it first when missing) scraping `target` (`HOST:PORT`).
    init(target: String) async throws {
        peer = try await LoopbackPeer(name: "prometheus", subcommand: "prometheus", arguments: [target], readyPath: "/-/ready")
    }

    /// What Prometheus printed, for failure messages.
    var log: String { peer.log }

    /// The value of an instant query's first sample (`/api/v1/query`), or `nil` when there is none yet.
    func value(of query: String) async throws -> String? {
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "query", value: query)]
        let (_, data) = try await peer.request("GET", "/api/v1/query?" + (components.percentEncodedQuery ?? ""))
        let document = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let result = (document?["data"] as? [String: Any])?["result"] as? [[String: Any]]
        return (result?.first?["value"] as? [Any])?.last as? String
    }

    /// The scrape target's health as Prometheus sees it (`/api/v1/targets`): `up`, `down` or `unknown`,
    /// and the last scrape error.
    func targetHealth() async throws -> (health: String, error: String)? {
        let (_, data) = try await peer.request("GET", "/api/v1/targets")
        let document = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let targets = (document?["data"] as? [String: Any])?["activeTargets"] as? [[String: Any]]
        guard let target = targets?.first, let health = target["health"] as? String else { return nil }
        return (health, target["lastError"] as? String ?? "")
    }

    func stop() { peer.stop() }
}
