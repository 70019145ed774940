import AsyncHTTPClient

/// Ollama's native API (`/api/chat` with `format` schema and tools, `stream: false`).
public struct OllamaProvider: LLMProvider {
    private let endpoint: ProviderEndpoint

    /// Creates a provider; `client` defaults to AsyncHTTPClient's shared client.
    public init(configuration: ProviderConfiguration, client: HTTPClient = .shared) {
        endpoint = ProviderEndpoint(configuration: configuration, client: client, keyStyle: .bearer)
    }

    /// The configured display name.
    public var name: String { endpoint.configuration.name }
    /// The configured model.
    public var model: String { endpoint.configuration.model }
    /// Whether tools are enabled.
    public var supportsTools: Bool { endpoint.configuration.toolsEnabled }

    /// Sends one chat request.
    public func complete(_ request: ChatRequest) async throws(ProviderError) -> ChatResponse {
        try OllamaWire.response(try await endpoint.post(OllamaWire.path, OllamaWire.body(request, configuration: endpoint.configuration)))
    }

    /// `GET /api/tags`.
    public func probe() async throws(ProviderError) {
        try await endpoint.probe(OllamaWire.probePath)
    }
}
