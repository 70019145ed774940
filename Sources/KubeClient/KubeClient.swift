import AsyncHTTPClient
import KubeTypes
import Logging
import NIOCore

import NIOSSL

/// A typed, `Sendable` client for the Kubernetes REST API.
///
/// Copies share two connection pools: one for unary calls (its read timeout detects a stuck
/// response) and one for watches (no idle read timeout: a watch is quiet for minutes; its
/// `timeoutSeconds` plus a grace period bounds it instead). Call ``shutdown()`` once, when no
/// request is in flight any more.
///
/// Data safety: the typed models of built-in resources in `KubeTypes` hold only the fields the
/// operator reads. Never ``update(_:_:dryRun:fieldManager:)`` (PUT) a typed built-in: the
/// fields the model lacks would be erased. Write built-ins with ``patch(_:_:name:namespace:_:dryRun:fieldManager:)``
/// or through ``UnstructuredObject``, which keeps every field.
public struct KubeClient: Sendable {
    /// The configuration this client was built from.
    public let configuration: KubeConfiguration
    let unary: HTTPClient
    let watcher: HTTPClient
    let tokens: TokenSource
    let logger: Logger

    /// The largest unary response body accepted (lists of many objects included).
    static let maxBodyBytes = 512 * 1024 * 1024

    /// Builds a client and its connection pools.
    /// - Parameters:
    ///   - configuration: Where the API server is and how to authenticate.
    ///   - logger: Receives debug lines per request and warnings on token refresh.
    ///   - eventLoopGroup: The NIO event loops to run on; AsyncHTTPClient's shared group by default.
    /// - Throws: ``KubeError`` with code `.configuration` when the TLS material is unusable.
    public init(
        configuration: KubeConfiguration, logger: Logger = Logger(label: "ballast.kubeclient"),
        eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup
    ) throws(KubeError) {
        let tls = try Self.tlsConfiguration(for: configuration)
        var unaryConfiguration = HTTPClient.Configuration(
            tlsConfiguration: tls, timeout: .init(connect: .seconds(10), read: .seconds(30)))
        unaryConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)
        let watchConfiguration = HTTPClient.Configuration(
            tlsConfiguration: tls, timeout: .init(connect: .seconds(10), read: nil))
        self.configuration = configuration
        self.unary = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: unaryConfiguration, backgroundActivityLogger: logger)
        self.watcher = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: watchConfiguration, backgroundActivityLogger: logger)
        self.tokens = TokenSource(configuration.authentication)
        self.logger = logger
    }

    /// Closes both connection pools. Requests still in flight fail with a transport error.
    public func shutdown() async throws {
        try await unary.shutdown()
        try await watcher.shutdown()
    }

    private static func tlsConfiguration(for configuration: KubeConfiguration) throws(KubeError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let certificateAuthority = configuration.certificateAuthorityPEM {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(certificateAuthority))
            }
            if case .clientCertificate(let chain, let key) = configuration.authentication {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(chain).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
            }
        } catch {
            throw KubeError.configuration("\(configuration.source): unusable TLS material: \(error)")
        }
        if configuration.insecureSkipTLSVerify {
            tls.certificateVerification = .none
        }
        return tls
    }
}
