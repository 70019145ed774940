import AsyncHTTPClient

/// Anthropic's Messages API (`x-api-key`, `anthropic-version`; structured output through a
/// `submit_decision` tool, or plain JSON text when structured output is off).
public struct AnthropicProvider: ConfiguredProvider {
    private let endpoint: ProviderEndpoint

    /// Creates a provider; `client` defaults to ``HTTPClient/ballastProviders``.
    public init(configuration: ProviderConfiguration, client: HTTPClient = .ballastProviders) {
        endpoint = ProviderEndpoint(
            configuration: configuration, client: client, keyStyle: .apiKeyHeader,
            fixedHeaders: [("anthropic-version", AnthropicWire.version)])
    }

    /// How this provider is reached.
    public var configuration: ProviderConfiguration { endpoint.configuration }

    /// Sends one Messages request.
    public func complete(_ request: ChatRequest) async throws(ProviderError) -> ChatResponse {
        try AnthropicWire.response(try await endpoint.post(AnthropicWire.path, AnthropicWire.body(request, configuration: endpoint.configuration)))
    }

    /// `GET /v1/models`.
    public func probe() async throws(ProviderError) {
        try await endpoint.probe(AnthropicWire.probePath)
    }
}

extension ProviderConfiguration {
    /// The provider for this configuration's kind.
    public func makeProvider(client: HTTPClient = .ballastProviders) -> any LLMProvider {
        switch kind {
        case .openAI: OpenAICompatibleProvider(configuration: self, client: client)
        case .ollama: OllamaProvider(configuration: self, client: client)
        case .anthropic: AnthropicProvider(configuration: self, client: client)
        }
    }
}
