import Foundation
import Testing
@testable import BallastOperator

#if canImport(Glibc)
import Glibc
#endif

@Suite struct BearerTokenAuthenticatorTests {
    let directory: URL
    let tokenFile: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        tokenFile = directory.appendingPathComponent("token")
        try "s3cret\n".write(to: tokenFile, atomically: true, encoding: .utf8)
    }

    @Test(arguments: [
        (nil, BearerTokenAuthenticator.Verdict.missingCredentials),
        ("Basic dXNlcjpwYXNz", .missingCredentials),
        ("Bearer", .missingCredentials),
        ("Bearer ", .missingCredentials),
        ("Bearer wrong", .invalidToken),
        ("Bearer s3cre", .invalidToken),
        ("Bearer s3cret0", .invalidToken),
        ("Bearer s3cret", .allowed),
        ("bearer s3cret", .allowed),
    ] as [(String?, BearerTokenAuthenticator.Verdict)])
    func judgesTheHeader(header: String?, verdict: BearerTokenAuthenticator.Verdict) {
        let authenticator = BearerTokenAuthenticator(tokenFile: tokenFile.path)
        #expect(authenticator.verify(authorization: header) == verdict)
    }

    @Test func picksUpARotatedTokenWithoutRestart() async throws {
        let authenticator = BearerTokenAuthenticator(tokenFile: tokenFile.path, refreshInterval: .milliseconds(10))
        #expect(authenticator.verify(authorization: "Bearer s3cret") == .allowed)
        try await Task.sleep(for: .milliseconds(20))
        try "rotated-token".write(to: tokenFile, atomically: true, encoding: .utf8)
        try await Task.sleep(for: .milliseconds(20))
        #expect(authenticator.verify(authorization: "Bearer s3cret") == .invalidToken)
        #expect(authenticator.verify(authorization: "Bearer rotated-token") == .allowed)
    }

    /// Lays the directory out as the kubelet does for a Secret volume and rotates as it does:
    /// `token -> ..data/token`, `..data -> ..<timestamp>`, and a rotation writes a new timestamped
    /// directory and renames a new `..data` symlink over the old one. The attributes of `token`
    /// itself never change, so only re-reading through the links sees the new token.
    @Test func picksUpAKubeletSymlinkRotation() async throws {
        let volume = directory.appendingPathComponent("secret-volume")
        let files = FileManager.default
        try files.createDirectory(at: volume, withIntermediateDirectories: true)
        func writeGeneration(_ name: String, token: String) throws {
            let generation = volume.appendingPathComponent(name)
            try files.createDirectory(at: generation, withIntermediateDirectories: true)
            try token.write(to: generation.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        }
        try writeGeneration("..2026_01_01_00_00_00.1", token: "old-token\n")
        try files.createSymbolicLink(atPath: volume.appendingPathComponent("..data").path,
                                     withDestinationPath: "..2026_01_01_00_00_00.1")
        let tokenLink = volume.appendingPathComponent("token").path
        try files.createSymbolicLink(atPath: tokenLink, withDestinationPath: "..data/token")

        let authenticator = BearerTokenAuthenticator(tokenFile: tokenLink, refreshInterval: .milliseconds(10))
        #expect(authenticator.verify(authorization: "Bearer old-token") == .allowed)
        let linkBefore = try files.attributesOfItem(atPath: tokenLink)

        try writeGeneration("..2026_01_01_00_01_00.2", token: "new-token\n")
        let staging = volume.appendingPathComponent("..data_tmp").path
        try files.createSymbolicLink(atPath: staging, withDestinationPath: "..2026_01_01_00_01_00.2")
        #expect(rename(staging, volume.appendingPathComponent("..data").path) == 0)
        try files.removeItem(at: volume.appendingPathComponent("..2026_01_01_00_00_00.1"))
        let linkAfter = try files.attributesOfItem(atPath: tokenLink)
        #expect(linkBefore[.modificationDate] as? Date == linkAfter[.modificationDate] as? Date)
        #expect((linkBefore[.size] as? NSNumber) == (linkAfter[.size] as? NSNumber))

        try await Task.sleep(for: .milliseconds(20))
        #expect(authenticator.verify(authorization: "Bearer new-token") == .allowed)
        #expect(authenticator.verify(authorization: "Bearer old-token") == .invalidToken)
    }

    @Test func failsClosedWhenTheFileIsMissingOrEmpty() throws {
        let missing = BearerTokenAuthenticator(tokenFile: directory.appendingPathComponent("absent").path)
        guard case .unavailable(let message) = missing.verify(authorization: "Bearer s3cret") else {
            Issue.record("expected unavailable")
            return
        }
        #expect(message.contains("absent") && message.contains("cannot be read"))
        try " \n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let empty = BearerTokenAuthenticator(tokenFile: tokenFile.path)
        #expect(empty.verify(authorization: "Bearer s3cret") == .unavailable("receiver token file \(tokenFile.path) is empty"))
        #expect(empty.verify(authorization: nil) == .missingCredentials)
    }
}

@Suite struct ConstantTimeTests {
    @Test(arguments: [("", "", true), ("a", "a", true), ("a", "b", false), ("ab", "a", false), ("", "a", false),
                      ("token", "tokeN", false)])
    func comparesBytes(lhs: String, rhs: String, equal: Bool) {
        #expect(ConstantTime.equals(Array(lhs.utf8), Array(rhs.utf8)) == equal)
        #expect(ConstantTime.equals(Array(rhs.utf8), Array(lhs.utf8)) == equal)
    }
}
