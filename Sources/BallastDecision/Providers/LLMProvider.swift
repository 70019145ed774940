/// A language-model endpoint speaking one wire protocol. The seam between the engine and
/// HTTP: OpenAI-compatible chat completions, Ollama and Anthropic implement it; tests may too.
public protocol LLMProvider: Sendable {
    /// A stable name for metrics, breakers and reports (e.g. `ollama`).
    var name: String { get }
    /// The model asked for.
    var model: String { get }
    /// Whether tools may be offered to this provider.
    var supportsTools: Bool { get }

    /// Sends one request and returns the reply. Must finish within the provider's timeout.
    /// - Throws: ``ProviderError`` saying what failed (timeout, status, malformed reply).
    func complete(_ request: ChatRequest) async throws(ProviderError) -> ChatResponse

    /// A cheap liveness check for the heartbeat (e.g. listing models).
    /// - Throws: ``ProviderError`` when the endpoint is not usable.
    func probe() async throws(ProviderError)
}

/// A provider built from a ``ProviderConfiguration``; its name, model and tool support are
/// the configuration's.
public protocol ConfiguredProvider: LLMProvider {
    /// How this provider is reached.
    var configuration: ProviderConfiguration { get }
}

extension ConfiguredProvider {
    /// The configuration's display name.
    public var name: String { configuration.name }
    /// The configuration's model.
    public var model: String { configuration.model }
    /// Whether the configuration enables tools.
    public var supportsTools: Bool { configuration.toolsEnabled }
}

/// Why a provider call failed. Messages never contain API keys or request headers.
public enum ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No complete answer within the timeout.
    case timeout(Duration)
    /// The connection failed or was dropped.
    case connection(String)
    /// HTTP 429; `retryAfter` from the `Retry-After` header when given.
    case rateLimited(retryAfter: Duration?)
    /// HTTP 5xx.
    case server(status: Int, body: String)
    /// HTTP 4xx other than 429 (bad request, auth, not found).
    case rejected(status: Int, body: String)
    /// The body did not follow the protocol.
    case invalidResponse(String)
    /// The provider is misconfigured (e.g. the API key file is missing).
    case configuration(String)

    /// A stable label for metrics (`timeout`, `rate_limited`, …).
    public var code: String {
        switch self {
        case .timeout: "timeout"
        case .connection: "connection"
        case .rateLimited: "rate_limited"
        case .server: "server_error"
        case .rejected: "rejected"
        case .invalidResponse: "invalid_response"
        case .configuration: "configuration"
        }
    }

    /// Whether retrying the same call may help (429, 5xx, dropped connection).
    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .server, .connection: true
        default: false
        }
    }

    /// A sentence naming the failure.
    public var description: String {
        switch self {
        case .timeout(let limit): "no answer within \(limit)"
        case .connection(let message): "connection failed: \(message)"
        case .rateLimited(let after): "rate limited (429)" + (after.map { ", retry after \($0)" } ?? "")
        case .server(let status, let body): "server error \(status): \(body)"
        case .rejected(let status, let body): "request rejected with \(status): \(body)"
        case .invalidResponse(let message): "invalid response: \(message)"
        case .configuration(let message): "configuration error: \(message)"
        }
    }
}
