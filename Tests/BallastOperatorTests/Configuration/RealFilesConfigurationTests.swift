import Foundation
import Testing
@testable import BallastOperator

/// The default reader against the real file system: contents, and the OS's own error texts.
@Suite struct RealFilesConfigurationTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aConfigurationOnDiskResolves() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = try write("token", "disk-token\n")
        let config = try write("config.yaml", "receiver: {tokenFile: \(token)}\nworkers: 6\n")
        let configuration = try OperatorConfiguration.resolve(
            flags: RunFlags(configFile: config), environment: [:], readFile: ConfigurationFileReader.load)
        #expect(configuration.workers == 6)
        #expect(configuration.receiver.token == "disk-token")
        #expect(configuration.leaderElection.identity == OperatorConfiguration.processIdentity())
    }

    @Test func readErrorsCarryTheOSText() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: FileReadError(path: directory.path + "/absent", code: ENOENT)) {
            try ConfigurationFileReader.load(directory.path + "/absent")
        }
        do {
            _ = try ConfigurationFileReader.load(directory.path)
            Issue.record("reading a directory must fail")
        } catch {
            #expect(error.description == "Is a directory")
            #expect(!error.isMissing)
        }
        let message = ConfigurationFixture.error(
            ConfigurationFixture(), RunFlags(configFile: directory.path))  // the fixture reader: ENOENT
        #expect(message == "cannot read config file \(directory.path): No such file or directory")
    }

    @Test func largeFilesAreReadWhole() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = String(repeating: "# padding line for a file larger than one read buffer\n", count: 3000)
        let path = try write("big.yaml", text + "workers: 7\n")
        #expect(try ConfigurationFileReader.load(path).count == text.utf8.count + 11)
        let configuration = try OperatorConfiguration.resolve(
            flags: RunFlags(configFile: path), environment: [:], readFile: ConfigurationFileReader.load)
        #expect(configuration.workers == 7)
    }
}
