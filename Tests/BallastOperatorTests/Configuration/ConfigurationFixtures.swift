import Foundation
import Testing
@testable import BallastOperator

#if canImport(Glibc)
import Glibc
#endif

/// An in-memory file system and a resolver over it, for configuration tests.
struct ConfigurationFixture {
    /// Files by path.
    var files: [String: String] = [:]
    /// The process environment.
    var environment: [String: String] = [:]

    static let identity = "ballast-7d9f-1234"

    /// A reader over ``files`` that fails like the real one: `ENOENT` for absent paths, `EACCES`
    /// for paths named `*.denied`.
    var reader: (String) throws -> Data {
        { [files] path in
            if path.hasSuffix(".denied") { throw FileReadError(path: path, code: EACCES) }
            guard let text = files[path] else { throw FileReadError(path: path, code: ENOENT) }
            return Data(text.utf8)
        }
    }

    /// Resolves `flags` over this fixture.
    func resolve(_ flags: RunFlags = RunFlags()) throws(ConfigurationError) -> OperatorConfiguration {
        try OperatorConfiguration.resolve(flags: flags, environment: environment, readFile: reader, defaultIdentity: Self.identity)
    }

    /// A fixture whose config file `/etc/ballast/config.yaml` holds `yaml`, selected by `$BALLAST_CONFIG`.
    static func file(_ yaml: String, extraFiles: [String: String] = [:]) -> ConfigurationFixture {
        var fixture = ConfigurationFixture(files: extraFiles, environment: ["BALLAST_CONFIG": configPath])
        fixture.files[configPath] = yaml
        return fixture
    }

    static let configPath = "/etc/ballast/config.yaml"
    static let tokenPath = "/etc/ballast/receiver/token"

    /// The description of the error resolving `fixture` throws; fails the test when it does not throw.
    static func error(
        _ fixture: ConfigurationFixture, _ flags: RunFlags = RunFlags(), sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        do {
            let configuration = try fixture.resolve(flags)
            Issue.record("expected an error, resolved \(configuration)", sourceLocation: sourceLocation)
            return ""
        } catch {
            return error.description
        }
    }
}
