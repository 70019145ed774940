import KubeTypes
import Testing

/// The YAML reader the contract tests rely on must type scalars as Kubernetes does, or the drift
/// tests would compare the wrong values.
@Suite struct YAMLDocumentsTests {
    @Test func typesPlainScalarsAndKeepsQuotedOnesAsStrings() throws {
        let yaml = """
            a: ""
            b: "true"
            c: 3
            d: ~
            e: '7'
            f: 0.5
            g: yes
            h: 2026-11-20T10:00:00Z
            i: {x: "", y: []}
            """
        let documents = try YAMLDocuments.parse(yaml, origin: "inline")
        #expect(documents == [[
            "a": "", "b": "true", "c": 3, "d": nil, "e": "7", "f": 0.5, "g": true,
            "h": "2026-11-20T10:00:00Z", "i": ["x": "", "y": []],
        ]])
    }

    @Test func readsEveryDocumentAndReportsSyntaxErrors() throws {
        #expect(try YAMLDocuments.parse("a: 1\n---\nb: 2\n---\n", origin: "inline") == [["a": 1], ["b": 2]])
        #expect(throws: YAMLDocuments.Unsupported.self) {
            try YAMLDocuments.parse("a: [b: c]]\n", origin: "inline")
        }
    }

    @Test func extractsFencedYAMLBlocksFromMarkdown() {
        let markdown = "text\n```yaml\na: 1\n```\n```sh\nls\n```\n```yaml\nb: 2\n```\n"
        #expect(YAMLDocuments.markdownBlocks(markdown) == ["a: 1", "b: 2"])
    }
}
