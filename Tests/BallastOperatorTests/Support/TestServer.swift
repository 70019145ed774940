import Testing
import Foundation
import Hummingbird
import Prometheus
@testable import BallastOperator

/// An operator HTTP surface over an in-memory sink and a token file, for route tests.
struct TestServer: Sendable {
    static let token = "test-token-0123456789"

    let sink = InMemorySink()
    let metrics = BallastMetrics(registry: PrometheusCollectorRegistry())
    let readiness = ReadinessState(leaderElection: true)
    let tokenFile: String
    let server: OperatorHTTPServer

    /// - Parameter externalSink: Where alerts go instead of ``sink`` (e.g. the KubeClient-backed sink).
    init(
        limits: ReceiverLimits = ReceiverLimits(), sinkTimeout: Duration = .seconds(5),
        endpoints: Set<HTTPEndpoint> = Set(HTTPEndpoint.allCases), externalSink: (any RemediationRequestSink)? = nil
    ) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        tokenFile = directory.appendingPathComponent("token").path
        try Self.token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let receiver = AlertReceiver(
            sink: externalSink ?? sink,
            configuration: .init(namespacePolicy: .alertNamespace(fallback: "ballast-system"), limits: limits, sinkTimeout: sinkTimeout),
            metrics: metrics)
        let loopback = ListenAddress(host: "127.0.0.1", port: 0)
        server = OperatorHTTPServer(
            addresses: Dictionary(uniqueKeysWithValues: endpoints.map { ($0, loopback) }),
            receiver: .init(receiver: receiver, authenticator: BearerTokenAuthenticator(tokenFile: tokenFile)),
            metrics: metrics, readiness: readiness)
    }

    /// The single application serving every endpoint on one loopback listener.
    func application() throws -> Application<RouterResponder<BasicRequestContext>> {
        try #require(server.applications().first)
    }

    static var authorized: HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }
}
