import ClusterTestSupport
import Foundation
import Testing

/// Throw-away certificate authorities and certificates made with `openssl` in a temporary
/// directory: `ca` signs the server (`127.0.0.1`) and a client; `otherCA` signs a second client.
final class TestPKI: Sendable {
    let directory: URL

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try await makeAuthority("ca")
        try await makeAuthority("other-ca")
        try await makeCertificate("server", signedBy: "ca", extensions: "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth")
        try await makeCertificate("client", signedBy: "ca", extensions: "extendedKeyUsage=clientAuth")
        try await makeCertificate("stranger", signedBy: "other-ca", extensions: "extendedKeyUsage=clientAuth")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The path of `name` in the directory (e.g. `server.crt`, `client.key`).
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func makeAuthority(_ name: String) async throws {
        try await openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=\(name)", "-keyout", path("\(name).key"), "-out", path("\(name).crt"),
        ])
    }

    private func makeCertificate(_ name: String, signedBy authority: String, extensions: String) async throws {
        try await openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=\(name)",
            "-keyout", path("\(name).key"), "-out", path("\(name).csr"),
        ])
        try extensions.write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
        try await openssl([
            "x509", "-req", "-in", path("\(name).csr"), "-CA", path("\(authority).crt"), "-CAkey", path("\(authority).key"),
            "-CAcreateserial", "-days", "1", "-extfile", path("\(name).ext"), "-out", path("\(name).crt"),
        ])
    }

    private func openssl(_ arguments: [String]) async throws {
        let result = try await Command.run("openssl", arguments)
        try #require(result.status == 0, "openssl \(arguments.joined(separator: " ")) failed: \(result.stderr)")
    }
}
