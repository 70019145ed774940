import ClusterTestSupport
import Testing
import Yams

/// hack/render-chart behaves like `helm template` on the features the chart relies on (a
/// fixture chart exercises each one).
@Suite struct RendererSemanticsTests {
    private let chart = "Tests/InstallTests/Fixtures/helm-semantics"

    private func render(_ arguments: [String] = [], values: String? = nil) async throws -> CommandResult {
        try await ChartRenderer.render(chart: chart, values: values, namespace: "ns1", extraArguments: ["--release-name", "rel"] + arguments)
    }

    private func result(_ arguments: [String] = [], values: String? = nil) async throws -> Node {
        let output = try await render(arguments, values: values)
        #expect(output.status == 0, "\(output.stderr)")
        return try Manifests(output.stdout).one("Result")
    }

    @Test func implementsHelmFunctionsAndBuiltInObjects() async throws {
        let result = try await result()
        let expected: [(String, String)] = [
            ("include", "semantics-1.2.3"), ("tpl", "hello rel"), ("fromYaml", "5"), ("missing", ""),
            ("removable", "present"), ("hasApps", "true"), ("hasMonitoring", "false"), ("kube", "20"),
            ("file", "from a file"), ("template", "semantics/templates/result.yaml"), ("release", "ns1/Helm"),
            ("appVersion", "9.9"),
        ]
        for (key, value) in expected {
            #expect(result[key]?.string == value, "\(key): \(String(describing: result[key]))")
        }
        #expect(result["toYaml"]?.mapping?.keys.compactMap(\.string) == ["a", "b"])
    }

    @Test func skipsPartialsNotesAndEmptyOutput() async throws {
        let output = try await render()
        let sources = output.stdout.split(separator: "\n").filter { $0.hasPrefix("# Source: ") }
        #expect(sources == ["# Source: semantics/templates/result.yaml"])
        #expect(!output.stdout.contains("never rendered"))
    }

    @Test func includeCRDsPrependsTheCRDFiles() async throws {
        let output = try await render(["--include-crds"])
        let sources = output.stdout.split(separator: "\n").filter { $0.hasPrefix("# Source: ") }
        #expect(sources == ["# Source: semantics/crds/thing.yaml", "# Source: semantics/templates/result.yaml"])
    }

    @Test func userValuesOverrideAndNullDeletes() async throws {
        let result = try await result(["--api-versions", "monitoring.coreos.com/v1"], values: "removable: null\ngreeting: hi\n")
        #expect(result["removable"]?.string == "")
        #expect(result["tpl"]?.string == "hi")
        #expect(result["hasMonitoring"]?.string == "true")
    }

    @Test func requiredFailsWithItsMessage() async throws {
        let output = try await render(values: "demand: true\n")
        #expect(output.status != 0)
        #expect(output.stderr.contains("demandedValue is required"), "\(output.stderr)")
    }

    @Test func schemaViolationNamesTheFieldAndChart() async throws {
        let output = try await render(values: "map: {a: x}\n")
        #expect(output.status != 0)
        #expect(output.stderr.contains("semantics:\n- map.a: Invalid type. Expected: integer, given: string"), "\(output.stderr)")
    }
}
