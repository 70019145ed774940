import AsyncHTTPClient
import KubeTypes
import NIOHTTP1

/// The HTTP side shared by the three providers: URL joining, the API key header (read fresh
/// on each call), extra headers, and the JSON transport with its deadline and retries.
struct ProviderEndpoint: Sendable {
    /// How the API key is sent.
    enum KeyStyle: Sendable {
        /// `Authorization: Bearer <key>` (OpenAI-compatible, Ollama behind a proxy).
        case bearer
        /// `x-api-key: <key>` (Anthropic).
        case apiKeyHeader
    }

    let configuration: ProviderConfiguration
    let keyStyle: KeyStyle
    let fixedHeaders: [(String, String)]
    let transport: JSONHTTPTransport

    init(configuration: ProviderConfiguration, client: HTTPClient, keyStyle: KeyStyle, fixedHeaders: [(String, String)] = []) {
        self.configuration = configuration
        self.keyStyle = keyStyle
        self.fixedHeaders = fixedHeaders
        self.transport = JSONHTTPTransport(client: client, timeout: configuration.timeout, retry: configuration.retry)
    }

    /// POSTs `body` to `path`.
    func post(_ path: String, _ body: JSONValue) async throws(ProviderError) -> JSONValue {
        try await transport.send(.POST, url: configuration.baseURL + path, headers: headers(), body: body)
    }

    /// GETs `path` once, without retries (heartbeat).
    func probe(_ path: String) async throws(ProviderError) {
        let once = JSONHTTPTransport(client: transport.client, timeout: transport.timeout, retry: .none)
        _ = try await once.send(.GET, url: configuration.baseURL + path, headers: headers(), body: nil)
    }

    private func headers() throws(ProviderError) -> [(String, String)] {
        var headers = fixedHeaders
        if let key = try configuration.apiKey.read() {
            switch keyStyle {
            case .bearer: headers.append(("Authorization", "Bearer \(key)"))
            case .apiKeyHeader: headers.append(("x-api-key", key))
            }
        }
        headers += configuration.extraHeaders.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return headers
    }
}
