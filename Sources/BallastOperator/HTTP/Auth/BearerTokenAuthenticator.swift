import Foundation
import Synchronization

/// Checks `Authorization: Bearer <token>` against a token kept in a file (a mounted Secret).
///
/// The file's content is re-read through any symlinks at most once per ``refreshInterval``, so a
/// rotated Secret takes effect without a restart. Metadata is not trusted for this: in a Secret
/// volume `token` is a symlink to `..data/token` and the kubelet rotates by swapping the `..data`
/// symlink, which leaves the attributes of `token` itself unchanged. Leading and trailing
/// whitespace of the file is ignored (Secrets often end in a newline). The comparison is
/// constant-time. When the file cannot be read or is empty, every request is refused with
/// ``Verdict/unavailable(_:)``: the receiver fails closed.
public final class BearerTokenAuthenticator: Sendable {
    /// The outcome for one request.
    public enum Verdict: Sendable, Hashable {
        /// The token matches.
        case allowed
        /// No `Authorization` header, or not a Bearer one: answer 401 with `WWW-Authenticate`.
        case missingCredentials
        /// A Bearer token that does not match: answer 403 (the sender is configured, but wrongly).
        case invalidToken
        /// No usable token is configured (file unreadable or empty): answer 503, naming the file.
        case unavailable(String)
    }

    private struct Snapshot {
        var token: [UInt8]?
        var problem: String?
        var checkedAt: ContinuousClock.Instant?
    }

    /// The token file's path.
    public let path: String
    /// How often the file's content is re-read (default 1 s).
    public let refreshInterval: Duration
    private let state = Mutex(Snapshot())

    /// Creates an authenticator for the token stored at `path`.
    public init(tokenFile path: String, refreshInterval: Duration = .seconds(1)) {
        self.path = path
        self.refreshInterval = refreshInterval
    }

    /// Judges one request's `Authorization` header value.
    public func verify(authorization: String?) -> Verdict {
        guard let presented = Self.bearerToken(authorization) else { return .missingCredentials }
        switch currentToken() {
        case .failure(let problem):
            return .unavailable(problem.message)
        case .success(let expected):
            return ConstantTime.equals(Array(presented.utf8), expected) ? .allowed : .invalidToken
        }
    }

    /// The token of a `Bearer` header (scheme case-insensitive), or `nil`.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    private struct TokenProblem: Error {
        let message: String
    }

    private func currentToken() -> Result<[UInt8], TokenProblem> {
        let now = ContinuousClock.now
        return state.withLock { snapshot in
            if let checked = snapshot.checkedAt, now - checked < refreshInterval {
                return Self.result(snapshot)
            }
            snapshot.checkedAt = now
            load(into: &snapshot)
            return Self.result(snapshot)
        }
    }

    /// Reads the file's content, following symlinks (`contents(atPath:)` opens the resolved file).
    private func load(into snapshot: inout Snapshot) {
        guard let data = FileManager.default.contents(atPath: path) else {
            snapshot.token = nil
            snapshot.problem = "receiver token file \(path) cannot be read"
            return
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if token.isEmpty {
            snapshot.token = nil
            snapshot.problem = "receiver token file \(path) is empty"
        } else {
            snapshot.token = Array(token.utf8)
            snapshot.problem = nil
        }
    }

    private static func result(_ snapshot: Snapshot) -> Result<[UInt8], TokenProblem> {
        if let token = snapshot.token { return .success(token) }
        return .failure(TokenProblem(message: snapshot.problem ?? "receiver token not loaded"))
    }
}
