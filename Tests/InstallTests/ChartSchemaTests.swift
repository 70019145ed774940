import Testing

/// values.schema.json rejects bad values at render (install) time, naming the field, the way
/// Helm reports schema violations.
@Suite struct ChartSchemaTests {
    struct BadValues: Sendable, CustomTestStringConvertible {
        let yaml: String
        let field: String
        var testDescription: String { field }
    }

    static let badValues: [BadValues] = [
        BadValues(yaml: "replicaCount: two\n", field: "replicaCount"),
        BadValues(yaml: "image: {pullPolicy: Sometimes}\n", field: "image.pullPolicy"),
        BadValues(yaml: "ports: {receiver: 70000}\n", field: "ports.receiver"),
        BadValues(yaml: "watchNamespaces: [Not_A_Namespace]\n", field: "watchNamespaces.0"),
        BadValues(yaml: "llm: {providers: [{name: main, provider: gpt, baseURL: 'https://x', model: m}]}\n", field: "llm.providers.0.provider"),
        BadValues(yaml: "llm: {providers: [{name: main, provider: openai, baseURL: 'file:///etc', model: m}]}\n", field: "llm.providers.0.baseURL"),
        BadValues(yaml: "llm: {providers: [{name: main, provider: openai, baseURL: 'https://x', model: m, apiKeySecret: {name: s}}]}\n", field: "llm.providers.0.apiKeySecret"),
        BadValues(yaml: "llm: {providers: [{name: main, provider: openai, baseURL: 'https://x', model: m, apiKey: sk-123}]}\n", field: "llm.providers.0"),
        BadValues(yaml: "metrics: {serviceMonitor: {enabled: yes-please}}\n", field: "metrics.serviceMonitor.enabled"),
        BadValues(yaml: "metrics: {serviceMonitor: {interval: soon}}\n", field: "metrics.serviceMonitor.interval"),
        BadValues(yaml: "replicas: 3\n", field: "(root)"),
        BadValues(yaml: "replicaCount: 3\nleaderElection: {enabled: false}\n", field: "leaderElection.enabled"),
        BadValues(yaml: "policy: {name: Default_Policy}\n", field: "policy.name"),
    ]

    @Test(arguments: badValues)
    func rejectsBadValueNamingTheField(_ bad: BadValues) async throws {
        let result = try await ChartRenderer.render(values: bad.yaml)
        #expect(result.status != 0, "accepted \(bad.yaml)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("values don't meet the specifications of the schema(s)"), "\(result.stderr)")
        #expect(result.stderr.contains("- \(bad.field)"), "\(result.stderr)")
    }

    @Test func requiredServiceAccountNameWhenNotCreated() async throws {
        let result = try await ChartRenderer.render(values: "serviceAccount: {create: false}\n")
        #expect(result.status != 0)
        #expect(result.stderr.contains("serviceAccount.name is required when serviceAccount.create is false"), "\(result.stderr)")
        let named = try await ChartRenderer.render(values: "serviceAccount: {create: false, name: existing}\n")
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try Manifests(named.stdout).all("ServiceAccount").isEmpty)
    }

    @Test func fullValuesAreValid() async throws {
        let result = try await ChartRenderer.render(values: try ChartRenderer.fullValues)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
