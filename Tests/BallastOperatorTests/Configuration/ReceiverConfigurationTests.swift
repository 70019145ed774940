import Testing
@testable import BallastOperator

/// The receiver is on only with a token, its token is read at startup, and TLS keeps metrics
/// and probes plain.
@Suite struct ReceiverConfigurationTests {
    typealias Fixture = ConfigurationFixture
    static let path = ConfigurationFixture.configPath
    static let token = ConfigurationFixture.tokenPath

    @Test func theShippedLayoutServesTheReceiverWithTheTrimmedToken() throws {
        let fixture = Fixture.file("receiver: {tokenFile: \(Self.token)}", extraFiles: [Self.token: "  s3cret-token\n"])
        let configuration = try fixture.resolve(RunFlags(receiverAddress: "0.0.0.0:8082"))
        #expect(configuration.receiverAddress == ListenAddress(host: "0.0.0.0", port: 8082))
        #expect(configuration.receiver.tokenFile == Self.token)
        #expect(configuration.receiver.token == "s3cret-token")
        #expect(configuration.warnings.isEmpty)
    }

    @Test func aTokenFileAloneTurnsTheReceiverOnAtItsDefaultAddress() throws {
        let fixture = Fixture(files: ["/t": "x"], environment: ["BALLAST_RECEIVER_TOKEN_FILE": "/t"])
        #expect(try fixture.resolve().receiverAddress == ListenAddress(host: "0.0.0.0", port: 8082))
    }

    @Test func aMissingTokenFileIsAcceptedWithAWarning() throws {
        let configuration = try Fixture.file("receiver: {tokenFile: \(Self.token)}").resolve()
        #expect(configuration.receiverAddress != nil)
        #expect(configuration.receiver.token == nil)
        #expect(configuration.warnings == [
            "receiver token file \(Self.token) does not exist yet; the receiver answers 503 until it does",
        ])
    }

    @Test func anEmptyTokenFileIsAnError() {
        let fixture = Fixture.file("receiver: {tokenFile: \(Self.token)}", extraFiles: [Self.token: " \n\t"])
        #expect(Fixture.error(fixture) == "receiver token file \(Self.token) is empty")
    }

    @Test func anUnreadableTokenFileIsAnError() {
        let fixture = Fixture.file("receiver: {tokenFile: /secrets/token.denied}")
        #expect(Fixture.error(fixture) == "cannot read receiver token file /secrets/token.denied: Permission denied")
    }

    @Test func anExplicitAddressWithoutATokenIsRefused() {
        #expect(Fixture.error(Fixture(), RunFlags(receiverAddress: "127.0.0.1:9443")).hasPrefix(
            "--receiver-addr asks for the receiver, but no bearer token file is configured"))
    }

    @Test(arguments: [RunFlags(receiverAddress: "off"), RunFlags(receiverAddress: "")])
    func offOrEmptyTurnsTheReceiverOff(flags: RunFlags) throws {
        let fixture = Fixture.file("receiver: {tokenFile: \(Self.token)}", extraFiles: [Self.token: "t"])
        let configuration = try fixture.resolve(flags)
        #expect(configuration.receiverAddress == nil)
        #expect(configuration.warnings.isEmpty)
    }

    @Test func disabledInTheFileWinsOverAnAddressFlag() throws {
        // The chart passes --receiver-addr unconditionally and writes `enabled: false` when off.
        let configuration = try Fixture.file("receiver: {enabled: false}").resolve(RunFlags(receiverAddress: "0.0.0.0:8082"))
        #expect(configuration.receiverAddress == nil)
    }

    @Test(arguments: [
        ("receiver: {tokenFile: /t}", RequestNamespacePolicy.alertNamespace(fallback: "ballast-system")),
        ("receiver: {tokenFile: /t, requestNamespace: alert, namespace: alerts}", .alertNamespace(fallback: "alerts")),
        ("receiver: {tokenFile: /t, requestNamespace: fixed}", .fixed("ballast-system")),
        ("receiver: {tokenFile: /t, requestNamespace: fixed, namespace: alerts}", .fixed("alerts")),
    ])
    func requestNamespacePolicy(yaml: String, expected: RequestNamespacePolicy) throws {
        let configuration = try Fixture.file(yaml, extraFiles: ["/t": "x"]).resolve()
        #expect(configuration.receiver.requestNamespace == expected)
        #expect(configuration.receiver.alertReceiverConfiguration(scope: NamespaceScope()).namespacePolicy == expected)
    }

    @Test(arguments: [
        ("receiver: {requestNamespace: mine}", #"receiver.requestNamespace: "mine": expected alert"#),
        ("receiver: {namespace: Alerts}", #"receiver.namespace: "Alerts": not a valid namespace name"#),
        ("receiver: {maxBodyBytes: 10}", #"receiver.maxBodyBytes: "10": must be from 1024 to 67108864"#),
        ("receiver: {tls: {certificateFile: /c}}", "receiver.tls: certificateFile and keyFile are both required"),
    ])
    func badReceiverSettingsAreNamed(yaml: String, expected: String) {
        let message = Fixture.error(Fixture.file(yaml))
        #expect(message.hasPrefix("config file \(Self.path): \(expected)"), "\(message)")
    }

    @Test func maxBodyBytesReachesTheReceiverLimits() throws {
        let configuration = try Fixture.file("receiver: {tokenFile: /t, maxBodyBytes: 65536}", extraFiles: ["/t": "x"]).resolve()
        #expect(configuration.receiver.alertReceiverConfiguration(scope: NamespaceScope()).limits.maxBodyBytes == 65536)
    }

    @Test func aReceiverNamespaceInsideTheScopeIsAccepted() throws {
        let configuration = try Fixture.file("receiver: {tokenFile: /t, namespace: shop}", extraFiles: ["/t": "x"])
            .resolve(RunFlags(namespaces: ["shop", "web"]))
        #expect(configuration.warnings.isEmpty)
        #expect(configuration.receiver.alertReceiverConfiguration(scope: NamespaceScope(configuration.namespaces)).scope
            == NamespaceScope(["shop", "web"]))
    }

    @Test func aConfiguredReceiverNamespaceOutsideTheScopeIsAnError() {
        let fixture = Fixture.file("receiver: {tokenFile: /t, namespace: alerts}", extraFiles: ["/t": "x"])
        #expect(Fixture.error(fixture, RunFlags(namespaces: ["shop", "web"])) == "config file \(Self.path): receiver.namespace: "
            + #""alerts": outside the operator's namespaces (shop, web); requests created there would never be reconciled"#)
    }

    @Test func aFixedDefaultNamespaceOutsideTheScopeIsAnError() {
        let fixture = Fixture.file("receiver: {tokenFile: /t, requestNamespace: fixed}", extraFiles: ["/t": "x"])
        #expect(Fixture.error(fixture, RunFlags(namespaces: ["shop"])).hasPrefix(
            "receiver.requestNamespace is fixed, but its namespace ballast-system (the operator's namespace"))
    }

    @Test func aDefaultFallbackOutsideTheScopeIsAWarning() throws {
        let configuration = try Fixture.file("receiver: {tokenFile: /t}", extraFiles: ["/t": "x"])
            .resolve(RunFlags(namespaces: ["shop"]))
        #expect(configuration.warnings == [
            "receiver: alerts without a namespace label would go to ballast-system, outside the operator's namespaces (shop), "
                + "and create no request; set receiver.namespace to one of them",
        ])
    }

    @Test func theScopeIsNotCheckedWhenTheReceiverIsOff() throws {
        let configuration = try Fixture.file("receiver: {namespace: alerts}").resolve(RunFlags(namespaces: ["shop"]))
        #expect(configuration.receiverAddress == nil)
    }

    static let tlsFiles = ["/t": "x", "/tls/tls.crt": "CERT", "/tls/tls.key": "KEY", "/tls/ca.crt": "CA"]

    @Test func tlsFilesAreKeptWhenReadable() throws {
        let configuration = try Fixture.file("""
            receiver:
              tokenFile: /t
              tls: {certificateFile: /tls/tls.crt, keyFile: /tls/tls.key, clientCAFile: /tls/ca.crt}
            """, extraFiles: Self.tlsFiles).resolve()
        #expect(configuration.receiver.tls == ReceiverTLSFiles(
            certificateFile: "/tls/tls.crt", keyFile: "/tls/tls.key", clientCAFile: "/tls/ca.crt"))
    }

    @Test func aMissingTLSFileIsNamed() {
        let fixture = Fixture.file("""
            receiver:
              tokenFile: /t
              tls: {certificateFile: /tls/tls.crt, keyFile: /tls/tls.key, clientCAFile: /tls/missing-ca.crt}
            """, extraFiles: Self.tlsFiles)
        #expect(Fixture.error(fixture) == "cannot read receiver client CA file /tls/missing-ca.crt: No such file or directory")
    }

    @Test func tlsOnAListenerSharedWithMetricsIsRefused() {
        let fixture = Fixture.file("""
            receiver:
              tokenFile: /t
              tls: {certificateFile: /tls/tls.crt, keyFile: /tls/tls.key}
            """, extraFiles: Self.tlsFiles)
        #expect(Fixture.error(fixture, RunFlags(metricsAddress: "0.0.0.0:8443", receiverAddress: "0.0.0.0:8443")) ==
            "receiver.tls: the receiver shares 0.0.0.0:8443 with the metrics endpoint; give it its own address so that metrics and probes stay plain HTTP")
    }

    @Test func withoutTLSTheReceiverMayShareAListener() throws {
        let configuration = try Fixture.file("receiver: {tokenFile: /t}", extraFiles: ["/t": "x"])
            .resolve(RunFlags(metricsAddress: "0.0.0.0:8080", receiverAddress: "0.0.0.0:8080"))
        #expect(configuration.receiverAddress == configuration.metricsAddress)
    }
}

@Suite struct HTTPAddressesTests {
    @Test func theReceiverIsListedOnlyWhenOn() throws {
        let off = try ConfigurationFixture().resolve()
        #expect(off.httpAddresses == [.metrics: off.metricsAddress, .probes: off.probeAddress])
        let on = try ConfigurationFixture(files: ["/t": "x"], environment: ["BALLAST_RECEIVER_TOKEN_FILE": "/t"]).resolve()
        #expect(on.httpAddresses[.receiver] == ListenAddress(host: "0.0.0.0", port: 8082))
        #expect(ListenerPlan.listeners(for: on.httpAddresses).count == 3)
    }
}
