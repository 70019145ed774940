import Foundation
import Testing
@testable import BallastOperator

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
