import ClusterTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing
@testable import BallastOperator

/// The receiver over HTTPS with client certificates, driven by curl (OpenSSL) as an independent
/// TLS peer; metrics stay plain HTTP next to it.
@Suite struct ReceiverTLSTests {
    static let token = "tls-test-token"

    /// Serves the receiver (TLS from `files`) and metrics on two loopback listeners; runs `body`
    /// with the receiver's and the metrics' ports.
    func withServer(
        tls files: ReceiverTLSFiles, sink: InMemorySink = InMemorySink(),
        _ body: @Sendable (_ receiverPort: Int, _ metricsPort: Int) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenFile = directory.appendingPathComponent("token").path
        try Self.token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let metrics = BallastMetrics(registry: PrometheusCollectorRegistry())
        let receiver = AlertReceiver(sink: sink, configuration: .init(namespacePolicy: .fixed("ballast-system")), metrics: metrics)
        let server = OperatorHTTPServer(
            addresses: [.receiver: ListenAddress(host: "127.0.0.1", port: 0), .metrics: ListenAddress(host: "localhost", port: 0)],
            receiver: .init(
                receiver: receiver, authenticator: BearerTokenAuthenticator(tokenFile: tokenFile), tls: try ReceiverTLS(files: files)),
            metrics: metrics, readiness: ReadinessState(leaderElection: false))
        let applications = server.applications()
        try #require(applications.count == 2)
        try await applications[0].test(.live) { receiverClient in
            try await applications[1].test(.live) { metricsClient in
                try await body(try #require(receiverClient.port), try #require(metricsClient.port))
            }
        }
    }

    /// `curl` posting one firing alert to the receiver; returns its exit status and the HTTP code it saw.
    static func post(
        _ url: String, pki: TestPKI, clientCertificate: String?, token: String? = token
    ) async throws -> (exit: Int32, code: String) {
        let body = String(decoding: Payloads.firing(), as: UTF8.self)
        var arguments = ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", "--cacert", pki.path("ca.crt")]
        if let clientCertificate {
            arguments += ["--cert", pki.path("\(clientCertificate).crt"), "--key", pki.path("\(clientCertificate).key")]
        }
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        arguments += ["-H", "Content-Type: application/json", "--data-binary", "@-", url]
        let result = try await Command.run("curl", arguments, input: body)
        return (result.status, result.stdout)
    }

    @Test func mutualTLSAcceptsOnlyClientsOfTheConfiguredCA() async throws {
        let pki = try await TestPKI()
        let sink = InMemorySink()
        let files = ReceiverTLSFiles(certificateFile: pki.path("server.crt"), keyFile: pki.path("server.key"), clientCAFile: pki.path("ca.crt"))
        try await withServer(tls: files, sink: sink) { receiverPort, metricsPort in
            let url = "https://127.0.0.1:\(receiverPort)\(AlertReceiver.webhookPath)"

            let trusted = try await Self.post(url, pki: pki, clientCertificate: "client")
            #expect(trusted.exit == 0 && trusted.code == "200")
            #expect(await sink.firingCalls.count == 1)

            let anonymous = try await Self.post(url, pki: pki, clientCertificate: nil)
            #expect(anonymous.exit != 0 && anonymous.code == "000", "no client certificate must fail the handshake")

            let stranger = try await Self.post(url, pki: pki, clientCertificate: "stranger")
            #expect(stranger.exit != 0 && stranger.code == "000", "a certificate from another CA must fail the handshake")

            let plain = try await Self.post("http://127.0.0.1:\(receiverPort)\(AlertReceiver.webhookPath)", pki: pki, clientCertificate: "client")
            #expect(plain.exit != 0 && plain.code == "000", "plain HTTP to the TLS port must get no HTTP answer")

            let noToken = try await Self.post(url, pki: pki, clientCertificate: "client", token: nil)
            #expect(noToken.exit == 0 && noToken.code == "401", "the bearer token still applies over mTLS")

            #expect(await sink.firingCalls.count == 1, "only the trusted, authenticated request reached the sink")

            let metrics = try await Command.run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "http://localhost:\(metricsPort)/metrics"])
            #expect(metrics.status == 0 && metrics.stdout == "200", "metrics stay plain HTTP")
        }
    }

    @Test func withoutAClientCAAnyClientMayConnect() async throws {
        let pki = try await TestPKI()
        let files = ReceiverTLSFiles(certificateFile: pki.path("server.crt"), keyFile: pki.path("server.key"))
        try await withServer(tls: files) { receiverPort, _ in
            let url = "https://127.0.0.1:\(receiverPort)\(AlertReceiver.webhookPath)"
            let anonymous = try await Self.post(url, pki: pki, clientCertificate: nil)
            #expect(anonymous.exit == 0 && anonymous.code == "200")
            let wrongToken = try await Self.post(url, pki: pki, clientCertificate: nil, token: "nope")
            #expect(wrongToken.code == "403")
        }
    }

    @Test func unusableFilesAreNamedAtStartup() async throws {
        let pki = try await TestPKI()
        func problem(_ files: ReceiverTLSFiles) -> String {
            do {
                _ = try ReceiverTLS(files: files)
                return "loaded"
            } catch {
                return error.description
            }
        }
        let missing = problem(ReceiverTLSFiles(certificateFile: pki.path("nope.crt"), keyFile: pki.path("server.key")))
        #expect(missing == "receiver TLS: \(pki.path("nope.crt")): cannot read the certificate file: No such file or directory")
        let keyAsCertificate = problem(ReceiverTLSFiles(certificateFile: pki.path("server.key"), keyFile: pki.path("server.key")))
        #expect(keyAsCertificate.hasPrefix("receiver TLS: \(pki.path("server.key")): certificate file"))
        let certificateAsKey = problem(ReceiverTLSFiles(certificateFile: pki.path("server.crt"), keyFile: pki.path("server.crt")))
        #expect(certificateAsKey.hasPrefix("receiver TLS: \(pki.path("server.crt")): key file is not a PEM private key"))
        let mismatched = problem(ReceiverTLSFiles(certificateFile: pki.path("server.crt"), keyFile: pki.path("client.key")))
        #expect(mismatched.hasPrefix("receiver TLS: \(pki.path("client.key")): the key and certificate"))
        let badCA = problem(ReceiverTLSFiles(
            certificateFile: pki.path("server.crt"), keyFile: pki.path("server.key"), clientCAFile: pki.path("server.csr")))
        #expect(badCA.hasPrefix("receiver TLS: \(pki.path("server.csr")): client CA file"))
        #expect(problem(ReceiverTLSFiles(certificateFile: pki.path("server.crt"), keyFile: pki.path("server.key"))) == "loaded")
    }
}
