import ArgumentParser
import BallastDecision
import Foundation

/// `ballast eval`: scores the built-in rules and any number of models on the scenario corpus
/// and prints a comparison table (or JSON with `--json`).
///
/// Wire it into the CLI with `subcommands: [..., EvalCommand.self]`.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score decision engines (the built-in rules and LLMs) on a scenario corpus.",
        discussion: """
            Runs every scenario under --scenarios through the rules and through each model, and \
            compares accuracy (overall and per category), invalid-output and fallback rates, \
            confidence calibration, latency percentiles and tokens per decision.
            Example: ballast eval --scenarios scenarios --provider ollama \
            --base-url http://127.0.0.1:11434 --model granite3.1-dense:8b --model qwen2.5:7b
            """)

    @Option(help: "Directory of scenario YAML files (searched recursively).")
    var scenarios: String = "scenarios"

    @Option(name: .customLong("provider"), help: "openai | ollama | anthropic; once, or once per --model.")
    var providers: [String] = []

    @Option(name: .customLong("base-url"), help: "Provider base URL; once, or once per --model.")
    var baseURLs: [String] = []

    @Option(name: .customLong("model"), help: "A model to evaluate; repeat to compare several.")
    var models: [String] = []

    @Option(name: .customLong("api-key-env"), help: "Environment variable holding the API key.")
    var apiKeyEnvironment: String?

    @Option(name: .customLong("api-key-file"), help: "File holding the API key (e.g. a mounted Secret).")
    var apiKeyFile: String?

    @Option(help: "Seconds allowed per model call.")
    var timeout: Int = 60

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let apiKey: APIKeySource = if let apiKeyFile { .file(apiKeyFile) } else if let apiKeyEnvironment { .environment(apiKeyEnvironment) } else { .none }
        let plan: EvalPlan
        do {
            plan = try EvalPlan(providers: providers, baseURLs: baseURLs, models: models, apiKey: apiKey, timeout: .seconds(timeout))
        } catch {
            throw ValidationError(error.message)
        }
        let corpus = try ScenarioLoader.load(directory: scenarios)
        let runner = EvalRunner(catalog: CoreDecisionCatalog(), rules: CoreRulesDecider())
        let report = await runner.run(corpus, engines: plan.engines())
        print(json ? try report.renderJSON() : report.renderTable())
    }
}
