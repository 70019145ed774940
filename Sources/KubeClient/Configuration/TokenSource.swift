import Foundation
import Synchronization

/// Supplies the bearer token for requests, re-reading a token file when it may have rotated.
///
/// A file-backed token is cached for at most ``refreshInterval`` and re-read immediately after
/// the API server answers 401 (``invalidate()``), so projected service-account tokens keep
/// working across rotation without a read per request. Thread-safe; shared by every copy of a
/// client.
final class TokenSource: Sendable {
    /// How long a token read from a file is trusted before it is read again.
    static let refreshInterval: Duration = .seconds(60)

    private enum Source {
        case fixed(String?)
        case file(String)
    }

    private struct Cache {
        var token: String
        var readAt: ContinuousClock.Instant
    }

    private let source: Source
    private let cache = Mutex<Cache?>(nil)

    init(_ authentication: KubeConfiguration.Authentication) {
        switch authentication {
        case .bearerToken(let token): source = .fixed(token)
        case .tokenFile(let path): source = .file(path)
        case .none, .clientCertificate: source = .fixed(nil)
        }
    }

    /// Whether a 401 may be cured by reading the token again.
    var canRefresh: Bool {
        if case .file = source { return true }
        return false
    }

    /// The current token, or `nil` when requests carry none.
    /// - Throws: ``KubeError`` with code `.configuration` when the token file cannot be read.
    func token(now: ContinuousClock.Instant = .now) throws(KubeError) -> String? {
        switch source {
        case .fixed(let token):
            return token
        case .file(let path):
            if let cached = cache.withLock({ $0 }), now - cached.readAt < Self.refreshInterval {
                return cached.token
            }
            // A token file is a few hundred bytes on a local (tmpfs) volume, read at most once a
            // minute: a synchronous read here is cheaper than a hop to a thread pool.
            let bytes: [UInt8]
            do {
                bytes = try KubeConfiguration.readFile(path, reportedIn: path, field: nil)
            } catch {
                throw KubeError.configuration(error.description)
            }
            let token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            cache.withLock { $0 = Cache(token: token, readAt: now) }
            return token
        }
    }

    /// Forgets the cached token so the next request reads the file again.
    func invalidate() {
        cache.withLock { $0 = nil }
    }
}
