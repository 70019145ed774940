import ClusterTestSupport
import Foundation

/// `hack/render-chart` (built once per run by `hack/validate-install.sh renderer`): renders
/// charts/ballast as `helm template` would.
enum ChartRenderer {
    /// The renderer binary; building it installs Debian's Go packages when missing.
    static func binary() async throws -> String { try await built.value }

    /// Built once per test process (a lazy static is initialized exactly once, even when
    /// parallel tests ask at the same time), so apt and `go build` never race.
    private static let built = Task<String, any Error> {
        try await Checkout.run(Checkout.path("hack/validate-install.sh"), ["renderer"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Renders `chart` (relative to the repository root) in `namespace` with the chart's values
    /// overlaid by `values` (YAML text, written to a temporary file) and `extraArguments`.
    /// Returns the renderer's result, successful or not.
    static func render(
        chart: String = "charts/ballast", values: String? = nil, namespace: String = "ballast-system",
        extraArguments: [String] = ["--release-name", "ballast"]
    ) async throws -> CommandResult {
        var arguments = ["--chart", Checkout.path(chart), "--namespace", namespace] + extraArguments
        var file: URL?
        if let values {
            let directory = try Checkout.temporaryDirectory()
            let url = directory.appendingPathComponent("values.yaml")
            try values.write(to: url, atomically: true, encoding: .utf8)
            file = directory
            arguments += ["--values", url.path]
        }
        defer { if let file { try? FileManager.default.removeItem(at: file) } }
        return try await Command.run(try binary(), arguments)
    }

    /// Renders and throws unless the renderer succeeds; returns the parsed objects and the text.
    static func manifests(values: String? = nil, namespace: String = "ballast-system") async throws -> (Manifests, String) {
        let result = try await render(values: values, namespace: namespace)
        guard result.status == 0 else { throw CommandFailed(command: "render-chart", result: result) }
        return (try Manifests(result.stdout), result.stdout)
    }

    /// The full values file that turns every option on.
    static var fullValues: String {
        get throws { try Checkout.text("Tests/InstallTests/Fixtures/values-full.yaml") }
    }
}
