import AsyncHTTPClient

/// Ollama's native API (`/api/chat` with `format` schema and tools, `stream: false`).
public struct OllamaProvider: ConfiguredProvider {
    private let endpoint: ProviderEndpoint

    /// Creates a provider; `client` defaults to ``HTTPClient/ballastProviders``.
    public init(configuration: ProviderConfiguration, client: HTTPClient = .ballastProviders) {
        endpoint = ProviderEndpoint(configuration: configuration, client: client, keyStyle: .bearer)
    }

    /// How this provider is reached.
    public var configuration: ProviderConfiguration { endpoint.configuration }

    /// Sends one chat request.
    public func complete(_ request: ChatRequest) async throws(ProviderError) -> ChatResponse {
        try OllamaWire.response(try await endpoint.post(OllamaWire.path, OllamaWire.body(request, configuration: endpoint.configuration)))
    }

    /// `GET /api/tags`.
    public func probe() async throws(ProviderError) {
        try await endpoint.probe(OllamaWire.probePath)
    }
}
