/// Why the `ballast eval` options do not describe a runnable comparison.
public struct EvalPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the flag.
    public var message: String
    /// The message.
    public var description: String { message }
}

/// Turns `ballast eval` options into the engines to compare: always the built-in rules first,
/// then one engine per model.
///
/// Pairing: `--provider` and `--base-url` are given once (applied to every `--model`) or once
/// per model, in order. So `--provider ollama --base-url URL --model a --model b` compares two
/// models on one server, and `--provider openai --base-url U1 --model a --provider ollama
/// --base-url U2 --model b` compares two servers.
public struct EvalPlan: Sendable, Hashable {
    /// The provider configurations, one per model, in order.
    public var providers: [ProviderConfiguration]

    /// Builds the plan.
    /// - Throws: ``EvalPlanError`` naming the inconsistent flag.
    public init(
        providers kinds: [String], baseURLs: [String], models: [String], apiKey: APIKeySource = .none,
        timeout: Duration = .seconds(60)
    ) throws(EvalPlanError) {
        guard !(kinds.isEmpty && baseURLs.isEmpty && models.isEmpty) else {
            providers = []
            return
        }
        guard !models.isEmpty else { throw EvalPlanError(message: "--model is required when --provider or --base-url is given") }
        let parsed = try kinds.map { text throws(EvalPlanError) -> ProviderConfiguration.Kind in
            guard let kind = ProviderConfiguration.Kind(rawValue: text.lowercased()) else {
                throw EvalPlanError(message: "--provider \(text) is not one of \(ProviderConfiguration.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return kind
        }
        let resolvedKinds = try Self.spread(parsed, over: models.count, flag: "--provider")
        let resolvedURLs = try Self.spread(baseURLs, over: models.count, flag: "--base-url")
        providers = models.indices.map { index in
            ProviderConfiguration(
                kind: resolvedKinds[index], baseURL: resolvedURLs[index], model: models[index], apiKey: apiKey, timeout: timeout,
                toolsEnabled: false, name: "\(resolvedKinds[index].rawValue):\(models[index])")
        }
    }

    /// One value for all models, or one per model.
    private static func spread<T>(_ values: [T], over count: Int, flag: String) throws(EvalPlanError) -> [T] {
        if values.count == 1 { return Array(repeating: values[0], count: count) }
        guard values.count == count else {
            throw EvalPlanError(message: "\(flag) must be given once or once per --model (\(count)); got \(values.count)")
        }
        return values
    }

    /// The engines to compare: `rules`, then one per provider configuration.
    public func engines() -> [EvalRunner.EngineSpec] {
        [EvalRunner.EngineSpec(label: "rules", providers: [])]
            + providers.map { EvalRunner.EngineSpec(label: $0.name, providers: [$0.makeProvider()]) }
    }
}
