import Hummingbird
import HummingbirdCore
import Logging

/// The operator's HTTP surface: receiver, metrics and probes on one or more listeners.
///
/// Build it once in `main` and add ``applications()`` to the `ServiceGroup`; each application
/// is a `Service` that serves until graceful shutdown. Request handlers never block on the
/// reconcilers: they touch only the sink (bounded by a timeout), the metrics registry and the
/// readiness state.
public struct OperatorHTTPServer: Sendable {
    /// What the receiver needs; `nil` in ``init(addresses:receiver:metrics:readiness:logger:)``
    /// when the receiver is not served.
    public struct ReceiverComponents: Sendable {
        /// Records alerts.
        public var receiver: AlertReceiver
        /// Checks the bearer token.
        public var authenticator: BearerTokenAuthenticator
        /// Serve the receiver's listener over TLS (optionally mutual); `nil` for plain HTTP.
        public var tls: ReceiverTLS?

        /// Bundles a receiver, its authenticator and, optionally, its TLS settings.
        public init(receiver: AlertReceiver, authenticator: BearerTokenAuthenticator, tls: ReceiverTLS? = nil) {
            self.receiver = receiver
            self.authenticator = authenticator
            self.tls = tls
        }
    }

    /// The listeners, from ``ListenerPlan``.
    public let listeners: [HTTPListener]
    /// The receiver and its authenticator, when the receiver is served.
    public let receiver: ReceiverComponents?
    private let metrics: BallastMetrics
    private let readiness: ReadinessState
    private let logger: Logger

    /// Plans the listeners for `addresses`. An endpoint absent from `addresses` is not served;
    /// the receiver is served only when `receiver` is given.
    public init(
        addresses: [HTTPEndpoint: ListenAddress], receiver: ReceiverComponents?, metrics: BallastMetrics,
        readiness: ReadinessState, logger: Logger = Logger(label: "ballast.http")
    ) {
        var served = addresses
        if receiver == nil { served[.receiver] = nil }
        self.listeners = ListenerPlan.listeners(for: served)
        self.receiver = receiver
        self.metrics = metrics
        self.readiness = readiness
        self.logger = logger
    }

    /// The router serving `endpoints`.
    public func router(for endpoints: Set<HTTPEndpoint>) -> Router<BasicRequestContext> {
        let router = Router()
        if endpoints.contains(.receiver), let receiver {
            router.addAlertReceiver(receiver.receiver, authenticator: receiver.authenticator)
        }
        if endpoints.contains(.metrics) {
            router.addMetrics(metrics)
        }
        if endpoints.contains(.probes) {
            router.addProbes(readiness)
        }
        return router
    }

    /// One Hummingbird application (a `Service`) per listener. The receiver's listener serves
    /// HTTPS when the receiver has TLS settings; every other listener serves plain HTTP.
    public func applications() -> [Application<RouterResponder<BasicRequestContext>>] {
        listeners.map { listener in
            let tls = listener.endpoints.contains(.receiver) ? receiver?.tls : nil
            return Application(
                router: router(for: listener.endpoints),
                server: tls?.serverBuilder ?? .http1(),
                configuration: ApplicationConfiguration(
                    address: .hostname(listener.address.host, port: listener.address.port),
                    serverName: "ballast"),
                logger: logger)
        }
    }
}
