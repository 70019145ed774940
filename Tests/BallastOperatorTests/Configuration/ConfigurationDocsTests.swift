import Foundation
import Testing
@testable import BallastOperator

/// docs/configuration.md documents every flag, variable, file key and metric family there is,
/// and no metric that is not exported.
@Suite struct ConfigurationDocsTests {
    static let root = ReceiverCluster.repositoryRoot

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    @Test func everyFileKeyIsDocumented() throws {
        let docs = try Self.text("docs/configuration.md")
        let missing = ConfigurationFile.allKeyPaths.filter { !docs.contains("| `\($0)` |") }
        #expect(missing.isEmpty, "docs/configuration.md has no row for \(missing)")
    }

    @Test func everyFlagIsDocumented() throws {
        let docs = try Self.text("docs/configuration.md")
        let options = try Self.text("Sources/BallastCLI/RunOptions.swift")
        let flags = options.matches(of: /customLong\("([a-z-]+)"\)/).map { "--\($0.output.1)" }
        #expect(flags.count == options.components(separatedBy: "@Option").count - 1, "every option names its flag")
        let missing = flags.filter { !docs.contains("`\($0)") }
        #expect(missing.isEmpty, "docs/configuration.md does not document \(missing)")
    }

    @Test func everyEnvironmentVariableIsDocumented() throws {
        let docs = try Self.text("docs/configuration.md")
        let directory = Self.root.appendingPathComponent("Sources/BallastOperator/Configuration")
        var variables: Set<String> = []
        let files = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let source = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            variables.formUnion(source.matches(of: /"(BALLAST_[A-Z_]+|KUBECONFIG)"/).map { String($0.output.1) })
        }
        #expect(variables.count >= 14)
        let missing = variables.filter { !docs.contains("`\($0)`") }
        #expect(missing.isEmpty, "docs/configuration.md does not document \(missing.sorted())")
    }

    @Test func theMetricsTableMatchesTheRegistry() throws {
        let docs = try Self.text("docs/configuration.md")
        var documented: [String: ExportedMetrics.Family] = [:]
        for row in docs.matches(of: /\| `(ballast_[a-z_]+)` \| (counter|gauge|histogram) \| ([a-z, —]+) \| ([^|]+) \|/) {
            let labels = row.output.3 == "—" ? [] : row.output.3.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            documented[String(row.output.1)] = ExportedMetrics.Family(type: String(row.output.2), help: "", labels: Set(labels))
        }
        let exported = try ExportedMetrics().families.mapValues { ExportedMetrics.Family(type: $0.type, help: "", labels: $0.labels) }
        #expect(documented == exported)
    }
}
