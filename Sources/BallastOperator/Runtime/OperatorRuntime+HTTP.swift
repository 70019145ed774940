import KubeClient
import Logging

extension OperatorRuntime {
    /// The listeners: `/metrics`, the probes, and the receiver when it has an address. The
    /// receiver never runs unauthenticated: without a token file the configuration is refused.
    static func httpServer(
        _ configuration: OperatorConfiguration, client: KubeClient, metrics: BallastMetrics, readiness: ReadinessState,
        logger: Logger
    ) throws(OperatorStartupError) -> OperatorHTTPServer {
        var addresses: [HTTPEndpoint: ListenAddress] = [
            .metrics: configuration.metricsAddress, .probes: configuration.probeAddress,
        ]
        var receiver: OperatorHTTPServer.ReceiverComponents?
        if let address = configuration.receiverAddress {
            guard let tokenFile = configuration.receiver.tokenFile else {
                throw OperatorStartupError(
                    component: "receiver",
                    problem: "the receiver listens on \(address) but no bearer token is configured: set receiver.tokenFile "
                        + "(or --receiver-token-file), or turn the receiver off with --receiver-addr=off")
            }
            addresses[.receiver] = address
            var tls: ReceiverTLS?
            if let files = configuration.receiver.tls {
                do {
                    tls = try ReceiverTLS(files: files)
                } catch {
                    throw OperatorStartupError(component: "receiver", problem: "\(error)")
                }
            }
            receiver = OperatorHTTPServer.ReceiverComponents(
                receiver: AlertReceiver(
                    sink: KubeRemediationRequestSink(client: client),
                    timeline: KubeAlertTimelineSink(
                        client: client, operatorNamespace: configuration.operatorNamespace, metrics: metrics,
                        logger: Logger(label: "ballast.receiver.timeline")),
                    configuration: configuration.receiver.alertReceiverConfiguration(
                        scope: NamespaceScope(configuration.namespaces)),
                    metrics: metrics, logger: Logger(label: "ballast.receiver")),
                authenticator: BearerTokenAuthenticator(tokenFile: tokenFile), tls: tls)
        }
        return OperatorHTTPServer(
            addresses: addresses, receiver: receiver, metrics: metrics, readiness: readiness,
            logger: Logger(label: "ballast.http"))
    }
}
