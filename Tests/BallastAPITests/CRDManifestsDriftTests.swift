import ClusterTestSupport
import Foundation
import Testing

/// `ballast crds` prints Sources/BallastCLI/CRDManifests+Generated.swift, which
/// hack/update-crds.sh writes from crds/. This fails when someone edits one without the other.
@Suite struct CRDManifestsDriftTests {
    static let generatedPath = "Sources/BallastCLI/CRDManifests+Generated.swift"

    /// `(name, yaml)` pairs embedded in the generated file, in order.
    static func embedded() throws -> [(name: String, yaml: String)] {
        let source = try Repository.text(generatedPath)
        let entry = /\(name: "([^"]+)", yaml: #"""\n(.*?)\n"""#\)/.dotMatchesNewlines()
        return source.matches(of: entry).map { (String($0.output.1), String($0.output.2)) }
    }

    @Test func embedsEveryCRDFileVerbatimInFileOrder() throws {
        let files = try Repository.files(in: "crds", suffix: ".yaml")
        let embedded = try Self.embedded()
        #expect(embedded.map(\.name) == files.map { String($0.dropFirst("crds/".count)) })
        for (file, entry) in zip(files, embedded) {
            #expect(entry.yaml == (try Repository.text(file)), "\(file) differs from \(Self.generatedPath); run hack/update-crds.sh")
        }
    }

    @Test func theGeneratorScriptAgrees() async throws {
        let script = Repository.root.appendingPathComponent("hack/update-crds.sh").path
        let result = try await Command.run(script, ["--check"])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
