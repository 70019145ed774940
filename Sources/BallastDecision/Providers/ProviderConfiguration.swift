import Foundation

/// How to reach one LLM endpoint. The API key is referenced (file or environment variable,
/// both fed from a Kubernetes Secret), never stored here, never logged and never in a CR.
public struct ProviderConfiguration: Sendable, Hashable {
    /// The wire protocol.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// `POST /v1/chat/completions` (OpenAI, vLLM, llama.cpp server, LocalAI, ramalama).
        case openAI = "openai"
        /// Ollama's native `POST /api/chat`.
        case ollama
        /// Anthropic's `POST /v1/messages`.
        case anthropic
    }

    /// The protocol.
    public var kind: Kind
    /// Base URL without the API path, e.g. `http://127.0.0.1:11434`.
    public var baseURL: String
    /// The model name.
    public var model: String
    /// Where the API key comes from.
    public var apiKey: APIKeySource
    /// Deadline for one call, body included (default 30 s).
    public var timeout: Duration
    /// Sampling temperature (default 0 for reproducible decisions).
    public var temperature: Double
    /// Completion token limit (default 512).
    public var maxTokens: Int
    /// Extra headers sent with every request (e.g. an org id); values are never logged.
    public var extraHeaders: [String: String]
    /// Whether to offer read-only tools (default true).
    public var toolsEnabled: Bool
    /// Whether to ask for schema-constrained output (default true; OpenAI falls back to plain
    /// JSON instructions automatically when the server rejects it).
    public var structuredOutput: Bool
    /// Retries on 429/5xx/dropped connections.
    public var retry: RetryPolicy
    /// A display name; defaults to the kind.
    public var name: String

    /// Creates a configuration.
    public init(
        kind: Kind, baseURL: String, model: String, apiKey: APIKeySource = .none, timeout: Duration = .seconds(30),
        temperature: Double = 0, maxTokens: Int = 512, extraHeaders: [String: String] = [:], toolsEnabled: Bool = true,
        structuredOutput: Bool = true, retry: RetryPolicy = RetryPolicy(), name: String? = nil
    ) {
        self.kind = kind
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.extraHeaders = extraHeaders
        self.toolsEnabled = toolsEnabled
        self.structuredOutput = structuredOutput
        self.retry = retry
        self.name = name ?? kind.rawValue
    }
}

/// Where an API key is read from. Read on every call, so a rotated Secret takes effect.
public enum APIKeySource: Sendable, Hashable, CustomStringConvertible {
    /// No key (local servers).
    case none
    /// An environment variable.
    case environment(String)
    /// A file (e.g. a mounted Secret); surrounding whitespace is trimmed.
    case file(String)

    /// The key, `nil` for ``none``.
    /// - Throws: ``ProviderError/configuration(_:)`` naming the variable or file (never the value).
    public func read(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ProviderError) -> String? {
        switch self {
        case .none:
            return nil
        case .environment(let variable):
            guard let value = environment[variable], !value.isEmpty else {
                throw .configuration("API key environment variable \(variable) is not set")
            }
            return value
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .configuration("API key file \(path) cannot be read")
            }
            let value = String(decoding: data, as: UTF8.self).trimmingWhitespace
            guard !value.isEmpty else { throw .configuration("API key file \(path) is empty") }
            return value
        }
    }

    /// Names the source, never the key.
    public var description: String {
        switch self {
        case .none: "none"
        case .environment(let variable): "env:\(variable)"
        case .file(let path): "file:\(path)"
        }
    }
}
