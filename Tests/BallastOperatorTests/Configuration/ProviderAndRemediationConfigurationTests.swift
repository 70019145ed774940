import BallastDecision
import Testing
@testable import BallastOperator

/// `llm.providers[]` and `remediation:` map to the decision engine's and lifecycle's own types.
@Suite struct ProviderAndRemediationConfigurationTests {
    typealias Fixture = ConfigurationFixture
    static let path = ConfigurationFixture.configPath

    @Test func providersMapInOrderWithEveryKey() throws {
        let providers = try Fixture.file("""
            llm:
              providers:
              - name: primary
                kind: openai
                baseURL: https://api.openai.com/v1/
                model: gpt-4o-mini
                apiKeyFile: /etc/ballast/llm/primary/api-key
                timeout: 45s
                temperature: 0.2
                maxTokens: 800
                tools: false
                structuredOutput: false
                maxAttempts: 2
              - kind: ollama
                baseURL: http://ollama.ai.svc:11434
                model: llama3.1
              - name: claude
                kind: anthropic
                baseURL: https://api.anthropic.com
                model: claude-3-5-haiku-latest
                apiKeyEnv: ANTHROPIC_API_KEY
            """).resolve().llmProviders
        var primary = ProviderConfiguration(
            kind: .openAI, baseURL: "https://api.openai.com/v1", model: "gpt-4o-mini",
            apiKey: .file("/etc/ballast/llm/primary/api-key"), timeout: .seconds(45), temperature: 0.2, maxTokens: 800,
            toolsEnabled: false, structuredOutput: false, name: "primary")
        primary.retry.maximumAttempts = 2
        #expect(providers == [
            primary,
            ProviderConfiguration(kind: .ollama, baseURL: "http://ollama.ai.svc:11434", model: "llama3.1"),
            ProviderConfiguration(
                kind: .anthropic, baseURL: "https://api.anthropic.com", model: "claude-3-5-haiku-latest",
                apiKey: .environment("ANTHROPIC_API_KEY"), name: "claude"),
        ])
        #expect(providers[1].name == "ollama")  // the name defaults to the kind
    }

    @Test func duplicateNamesAreRefusedNamingBothEntries() {
        let fixture = Fixture.file("""
            llm:
              providers:
              - {kind: ollama, baseURL: "http://a:11434", model: m}
              - {kind: openai, baseURL: "http://b:8000/v1", model: m}
              - {kind: ollama, baseURL: "http://c:11434", model: n}
            """)
        #expect(Fixture.error(fixture) == #"config file \#(Self.path): llm.providers[2].name: "ollama" is already used by llm.providers[0]"#)
    }

    @Test(arguments: [
        ("{kind: gemini, baseURL: 'http://a', model: m}", #"llm.providers[0].kind: "gemini": unknown provider kind; expected one of openai, ollama, anthropic"#),
        ("{kind: openai, baseURL: 'ftp://a', model: m}", #"llm.providers[0].baseURL: "ftp://a": expected an http:// or https:// URL with a host"#),
        ("{kind: openai, baseURL: 'not a url', model: m}", #"llm.providers[0].baseURL: "not a url": expected an http:// or https:// URL with a host"#),
        ("{kind: openai, baseURL: 'http://', model: m}", #"llm.providers[0].baseURL: "http://": expected an http:// or https:// URL with a host"#),
        ("{kind: openai, model: m}", #"llm.providers[0].baseURL: "": required"#),
        ("{kind: openai, baseURL: 'http://a'}", #"llm.providers[0].model: "": required"#),
        ("{baseURL: 'http://a', model: m}", #"llm.providers[0].kind: "": required"#),
        ("{name: My_LLM, kind: openai, baseURL: 'http://a', model: m}", #"llm.providers[0].name: "My_LLM": must be a DNS label (lower-case letters, digits and '-')"#),
        ("{kind: openai, baseURL: 'http://a', model: m, temperature: 3}", #"llm.providers[0].temperature: "3.0": must be from 0.0 to 2.0"#),
        ("{kind: openai, baseURL: 'http://a', model: m, maxTokens: 0}", #"llm.providers[0].maxTokens: "0": must be from 1 to 200000"#),
        ("{kind: openai, baseURL: 'http://a', model: m, timeout: 0s}", #"llm.providers[0].timeout: "0s": must be longer than 0s"#),
        ("{kind: openai, baseURL: 'http://a', model: m, tools: 1}", #"llm.providers[0].tools: expected true or false, found "1""#),
        ("{kind: openai, baseURL: 'http://a', model: m, apiKeyFile: /k, apiKeyEnv: K}", "llm.providers[0]: set apiKeyFile or apiKeyEnv, not both"),
    ])
    func badProvidersAreNamed(entry: String, expected: String) {
        #expect(Fixture.error(Fixture.file("llm: {providers: [\(entry)]}")) == "config file \(Self.path): \(expected)")
    }

    @Test func remediationKeysSetTheLifecycle() throws {
        let lifecycle = try Fixture.file("""
            remediation:
              maxAttempts: 5
              escalationConfidence: 0.4
              verificationWindow: 15m
              verificationPoll: 45s
              recheckInterval: 2m
              retryBackoff: 1m30s
              disruptionBudgetRetry: 90s
            """).resolve().lifecycle
        #expect(lifecycle == LifecycleSettings(
            maxAttempts: 5, escalationConfidence: 0.4, verificationWindow: 900, verificationPoll: 45, recheckInterval: 120,
            retryBackoff: 90, disruptionBudgetRetry: 90))
    }

    @Test(arguments: [
        ("{maxAttempts: 0}", #"remediation.maxAttempts: "0": must be from 1 to 10"#),
        ("{escalationConfidence: 1.5}", #"remediation.escalationConfidence: "1.5": must be from 0.0 to 1.0"#),
        ("{verificationWindow: 1d}", #"remediation.verificationWindow: "1d": expected a duration such as 30s, 10m or 1h30m (unknown unit 'd')"#),
        ("{verificationWindow: 1m, verificationPoll: 2m}", "remediation.verificationPoll must not be longer than remediation.verificationWindow"),
    ])
    func badRemediationValuesAreNamed(section: String, expected: String) {
        #expect(Fixture.error(Fixture.file("remediation: \(section)")) == "config file \(Self.path): \(expected)")
    }
}
