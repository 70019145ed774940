import AsyncHTTPClient
import Synchronization

/// An OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp, LocalAI, ramalama).
///
/// Asks for schema-constrained output with `response_format: json_schema`; when the server
/// rejects that (400/422 naming `response_format`), it retries the same call without it —
/// the system prompt already carries plain JSON instructions — and remembers not to send it
/// again.
public final class OpenAICompatibleProvider: ConfiguredProvider {
    private let endpoint: ProviderEndpoint
    private let schemaRejected: Mutex<Bool>

    /// Creates a provider; `client` defaults to ``HTTPClient/ballastProviders``.
    public init(configuration: ProviderConfiguration, client: HTTPClient = .ballastProviders) {
        endpoint = ProviderEndpoint(configuration: configuration, client: client, keyStyle: .bearer)
        schemaRejected = Mutex(!configuration.structuredOutput)
    }

    /// How this provider is reached.
    public var configuration: ProviderConfiguration { endpoint.configuration }

    /// Sends one chat completion.
    public func complete(_ request: ChatRequest) async throws(ProviderError) -> ChatResponse {
        let structured = !schemaRejected.withLock { $0 }
        do {
            let body = OpenAIWire.body(request, configuration: endpoint.configuration, structured: structured)
            return try OpenAIWire.response(try await endpoint.post(OpenAIWire.path, body))
        } catch let error where structured && OpenAIWire.rejectsStructuredOutput(error) {
            schemaRejected.withLock { $0 = true }
            let body = OpenAIWire.body(request, configuration: endpoint.configuration, structured: false)
            return try OpenAIWire.response(try await endpoint.post(OpenAIWire.path, body))
        }
    }

    /// `GET /v1/models`.
    public func probe() async throws(ProviderError) {
        try await endpoint.probe(OpenAIWire.probePath)
    }
}
