import BallastDecision
import Foundation

/// `llm.providers[]` of the configuration file, mapped to ``ProviderConfiguration``s. Pure.
enum ProviderSection {
    /// The keys one provider entry may have.
    static let keys = [
        "name", "kind", "baseURL", "model", "apiKeyFile", "apiKeyEnv", "timeout", "temperature", "maxTokens",
        "tools", "structuredOutput", "maxAttempts",
    ]

    /// The providers, in order, with unique names (a name defaults to the kind).
    static func providers(_ entries: [StrictMapping]) throws(ConfigurationError) -> [ProviderConfiguration] {
        var providers: [ProviderConfiguration] = []
        var seen: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let provider = try provider(entry)
            if let first = seen[provider.name] {
                throw .duplicateProviderName(path: entry.file, name: provider.name, first: first, second: index)
            }
            seen[provider.name] = index
            providers.append(provider)
        }
        return providers
    }

    private static func provider(_ entry: StrictMapping) throws(ConfigurationError) -> ProviderConfiguration {
        try entry.rejectUnknownKeys(allowed: keys)
        let kindText = try entry.required("kind")
        guard let kind = ProviderConfiguration.Kind(rawValue: kindText) else {
            let kinds = ProviderConfiguration.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidValue(origin: entry.origin("kind"), value: kindText, problem: "unknown provider kind; expected one of \(kinds)")
        }
        let baseURL = try entry.required("baseURL")
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else {
            throw .invalidValue(origin: entry.origin("baseURL"), value: baseURL, problem: "expected an http:// or https:// URL with a host")
        }
        let model = try entry.required("model")
        let name = try entry.string("name")
        if let name, !RequestNaming.isDNSLabel(name) {
            throw .invalidValue(
                origin: entry.origin("name"), value: name, problem: "must be a DNS label (lower-case letters, digits and '-')")
        }
        var provider = ProviderConfiguration(kind: kind, baseURL: baseURL, model: model, apiKey: try apiKey(entry), name: name)
        provider.timeout = try entry.positiveDuration("timeout") ?? provider.timeout
        provider.temperature = try entry.double("temperature", in: 0...2) ?? provider.temperature
        provider.maxTokens = try entry.int("maxTokens", in: 1...200_000) ?? provider.maxTokens
        provider.retry.maximumAttempts = try entry.int("maxAttempts", in: 1...10) ?? provider.retry.maximumAttempts
        provider.toolsEnabled = try entry.bool("tools") ?? provider.toolsEnabled
        provider.structuredOutput = try entry.bool("structuredOutput") ?? provider.structuredOutput
        return provider
    }

    private static func apiKey(_ entry: StrictMapping) throws(ConfigurationError) -> APIKeySource {
        switch (try entry.string("apiKeyFile"), try entry.string("apiKeyEnv")) {
        case (let file?, nil): return .file(file)
        case (nil, let variable?): return .environment(variable)
        case (nil, nil): return .none
        case (_?, _?):
            throw .conflict("config file \(entry.file): \(entry.path): set apiKeyFile or apiKeyEnv, not both")
        }
    }
}
