import ClusterTestSupport
import Foundation
import KubeTypes
import Testing

/// Tests/BallastAPITests/Fixtures/invalid/: one broken object per validation rule. The API
/// server must answer 422 Unprocessable Entity and name the field the fixture's header names.
@Suite struct InvalidFixtureTests {
    /// One fixture and what its `# expect-field:` / `# expect-message:` header promises.
    struct Fixture: Sendable, CustomTestStringConvertible {
        let path: String
        let object: ContractObject
        let field: String
        let message: String
        var testDescription: String { String(path.split(separator: "/").last ?? "") }

        /// A fixture without its header lines.
        struct MissingHeader: Error, CustomStringConvertible {
            let path: String
            var description: String { "\(path) needs '# expect-field:' and '# expect-message:' lines" }
        }

        static func all() throws -> [Fixture] {
            try Repository.files(in: "Tests/BallastAPITests/Fixtures/invalid", suffix: ".yaml").map { path in
                let text = try Repository.text(path)
                func header(_ name: String) -> String? {
                    text.split(separator: "\n").first { $0.hasPrefix("# \(name): ") }
                        .map { String($0.dropFirst("# \(name): ".count)) }
                }
                guard let field = header("expect-field"), let message = header("expect-message") else {
                    throw MissingHeader(path: path)
                }
                let objects = try ContractObject.parse(text, origin: path)
                return Fixture(path: path, object: try #require(objects.first), field: field, message: message)
            }
        }
    }

    @Test func thereIsAFixturePerRule() throws {
        #expect(try Fixture.all().count >= 20)
    }

    @Test(arguments: try Fixture.all())
    func isRejectedWith422NamingTheField(fixture: Fixture) async throws {
        let contract = try await ContractCluster.prepared()
        let namespace = try await contract.cluster.makeNamespace("invalid")
        let kind = fixture.object.kind
        defer {
            contract.cluster.deleteNamespace(namespace)
            if !kind.resource.namespaced { contract.deleteClusterScoped(kind, name: fixture.object.name) }
        }
        let rejected: CommandResult
        if fixture.field.hasPrefix("status.") {
            let spec = fixture.object.json.removing("status")
            let created = try await contract.create(spec, kind: kind, namespace: namespace)
            #expect(created.status == 0, "the spec of \(fixture.path) must be valid: \(created.stderr)")
            rejected = try await contract.patchStatus(
                try #require(fixture.object.json["status"]), kind: kind, name: fixture.object.name,
                namespace: namespace)
        } else {
            rejected = try await contract.create(fixture.object.json, kind: kind, namespace: namespace)
        }
        #expect(rejected.status != 0)
        #expect(rejected.stderr.contains(" 422 Unprocessable Entity"), "\(rejected.stderr.suffix(600))")
        let namesField = rejected.stderr.split(separator: "\n").contains { line in
            line.contains("\(fixture.field): ") && line.contains(fixture.message)
        }
        #expect(namesField, "expected '\(fixture.field): … \(fixture.message)' in \(rejected.stderr.suffix(600))")
    }
}
