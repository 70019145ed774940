/// One of the operator's HTTP endpoints groups.
public enum HTTPEndpoint: String, Sendable, Hashable, CaseIterable, Comparable {
    /// `POST /api/v1/alerts`: the Alertmanager webhook receiver.
    case receiver
    /// `GET /metrics`: Prometheus exposition.
    case metrics
    /// `GET /healthz` and `GET /readyz`.
    case probes

    /// Declaration order.
    public static func < (lhs: HTTPEndpoint, rhs: HTTPEndpoint) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// One listening socket and the endpoints it serves.
public struct HTTPListener: Sendable, Hashable {
    /// Where it listens.
    public var address: ListenAddress
    /// What it serves (never empty).
    public var endpoints: Set<HTTPEndpoint>

    /// Creates a listener.
    public init(address: ListenAddress, endpoints: Set<HTTPEndpoint>) {
        self.address = address
        self.endpoints = endpoints
    }
}

/// Groups endpoints by address: endpoints configured with the same address share one listener.
/// Pure.
public enum ListenerPlan {
    /// The listeners for the configured endpoint addresses; an endpoint whose address is `nil`
    /// is not served. Listeners are ordered by their first endpoint, so the plan is stable.
    public static func listeners(for addresses: [HTTPEndpoint: ListenAddress]) -> [HTTPListener] {
        var byAddress: [ListenAddress: Set<HTTPEndpoint>] = [:]
        for (endpoint, address) in addresses {
            byAddress[address, default: []].insert(endpoint)
        }
        return byAddress
            .map { HTTPListener(address: $0.key, endpoints: $0.value) }
            .sorted { ($0.endpoints.min() ?? .receiver) < ($1.endpoints.min() ?? .receiver) }
    }
}
