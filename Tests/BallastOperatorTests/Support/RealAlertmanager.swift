import Foundation

/// A real Alertmanager (Debian's prometheus-alertmanager 0.25) on loopback, started by
/// `hack/alertmanager.sh run`, routing every alert to a webhook URL with a bearer token file.
final class RealAlertmanager: Sendable {
    private let peer: LoopbackPeer

    /// Starts Alertmanager (installing it first when missing); returns once it is ready.
    init(webhookURL: String, tokenFile: String) async throws {
        peer = try await LoopbackPeer(name: "alertmanager", subcommand: "run", arguments: [webhookURL, tokenFile], readyPath: "/-/ready")
    }

    /// What Alertmanager printed, for failure messages.
    var log: String { peer.log }

    /// Posts alerts to Alertmanager's API v2 (`POST /api/v2/alerts`).
    func post(alerts: [[String: Any]]) async throws {
        let status = try await peer.request("POST", "/api/v2/alerts", body: JSONSerialization.data(withJSONObject: alerts)).0
        guard status == 200 else { throw PeerError(message: "POST /api/v2/alerts answered \(status)") }
    }

    /// The alerts Alertmanager holds (`GET /api/v2/alerts`), as JSON objects.
    func alerts() async throws -> [[String: Any]] {
        let (_, data) = try await peer.request("GET", "/api/v2/alerts")
        return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    }

    func stop() { peer.stop() }
}
