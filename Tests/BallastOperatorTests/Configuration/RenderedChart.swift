import ClusterTestSupport
import Foundation
import Testing

/// charts/ballast rendered the way `helm template` renders it, by the repository's renderer
/// (`hack/validate-install.sh renderer`, shared with the install tests).
enum RenderedChart {
    static let root = ReceiverCluster.repositoryRoot

    /// The rendered YAML documents, with `values` (YAML text) overlaid on the chart's defaults.
    static func documents(values: String?) async throws -> [String] {
        let renderer = try await Command.run(root.appendingPathComponent("hack/validate-install.sh").path, ["renderer"])
        try #require(renderer.status == 0, "building the chart renderer failed: \(renderer.stderr)")
        var arguments = [
            "--chart", root.appendingPathComponent("charts/ballast").path, "--namespace", "ballast-system",
            "--release-name", "ballast",
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        if let values {
            let file = directory.appendingPathComponent("values.yaml")
            try values.write(to: file, atomically: true, encoding: .utf8)
            arguments += ["--values", file.path]
        }
        let rendered = try await Command.run(renderer.stdout.trimmingCharacters(in: .whitespacesAndNewlines), arguments)
        try #require(rendered.status == 0, "rendering the chart failed: \(rendered.stderr)")
        return rendered.stdout.components(separatedBy: "\n---")
    }

    /// The lines nested under the first line of `document` that reads `key` (a literal block
    /// `config.yaml: |` or a mapping `spec:`), de-indented.
    static func literalBlock(_ key: String, in document: String) -> String? {
        let lines = document.components(separatedBy: "\n")
        let header = key.hasSuffix(":") ? key : "\(key): |"
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == header }) else { return nil }
        let keyIndent = indentation(lines[start])
        let body = lines[(start + 1)...].prefix { $0.trimmingCharacters(in: .whitespaces).isEmpty || indentation($0) > keyIndent }
        let indent = body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(indentation).min() ?? 0
        return body.map { String($0.dropFirst(min(indent, $0.count))) }.joined(separator: "\n")
    }

    private static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }
}
