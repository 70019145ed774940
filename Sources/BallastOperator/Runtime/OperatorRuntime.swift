import BallastAPI
import BallastCore
import BallastDecision
import ControllerRuntime
import Foundation
import Hummingbird
import KubeClient
import KubeTypes
import Logging
import Prometheus
import ServiceLifecycle

/// The whole operator, assembled from an ``OperatorConfiguration``: one Kubernetes client, the
/// shared caches, the three controllers (RemediationRequest, ActionHistory, SafetyPolicy) under
/// leader election, the decision engine, the executors, and the HTTP listeners (receiver,
/// `/metrics`, `/healthz` and `/readyz`), all run by one `ServiceGroup` that stops gracefully on
/// SIGTERM or SIGINT.
///
/// Guarantees:
/// - Everything that can be wrong in the configuration is found by ``init(configuration:logger:)``
///   (kubeconfig, rules file, provider settings), before anything listens or acts.
/// - The HTTP listeners serve from the start (probes answer while the caches fill; the receiver
///   creates requests even on a follower, since it only writes RemediationRequests).
/// - `/readyz` is 200 once this replica knows its role and, as the leader, every cache it reads
///   has synced (see ``ReadinessState``).
/// - Losing the lease stops the process with an error (as controller-runtime does): a replica
///   that might act on stale state never keeps running.
public struct OperatorRuntime: Sendable {
    /// The resolved configuration.
    public let configuration: OperatorConfiguration
    let client: KubeClient
    let environment: OperatorEnvironment
    let readiness: ReadinessState
    let manager: ControllerManager
    let server: OperatorHTTPServer
    let logger: Logger

    /// Builds every component; nothing runs yet.
    /// - Throws: ``OperatorStartupError`` naming the part of the configuration that is unusable.
    public init(configuration: OperatorConfiguration, logger: Logger) throws(OperatorStartupError) {
        self.configuration = configuration
        self.logger = logger
        let kube = try Self.kubeConfiguration(configuration)
        do {
            client = try KubeClient(configuration: kube, logger: Logger(label: "ballast.kubeclient"))
        } catch {
            throw OperatorStartupError(component: "kubeconfig", problem: "\(error)")
        }
        let metrics = BallastMetrics(registry: PrometheusCollectorRegistry())
        let informers = OperatorInformers(client: client, logger: logger)
        environment = OperatorEnvironment(
            client: client, informers: informers,
            events: EventRecorder(client: client, component: "ballast", host: ProcessInfo.processInfo.hostName, logger: logger),
            metrics: metrics, scope: NamespaceScope(configuration.namespaces),
            operatorNamespace: configuration.operatorNamespace, logger: logger)
        readiness = ReadinessState(leaderElection: configuration.leaderElection.enabled)
        let controllers = try Self.controllers(configuration, environment: environment)
        let elector = try Self.elector(configuration, client: client, readiness: readiness, informers: informers, logger: logger)
        manager = ControllerManager(controllers: controllers, leaderElector: elector, logger: logger)
        server = try Self.httpServer(configuration, client: client, metrics: metrics, readiness: readiness, logger: logger)
    }

    /// Runs until SIGTERM/SIGINT (graceful: intake stops, in-flight reconciles drain, the lease
    /// is released) or until a component fails.
    /// - Throws: the first component's failure (e.g. ``ControllerManagerError/leadershipLost(identity:)``).
    public func run() async throws {
        if !configuration.leaderElection.enabled {
            Self.expectCaches(readiness, informers: environment.informers)
        }
        // The manager and the listeners end the process when they end; the readiness tracker
        // simply finishes once every cache has synced, the timeline backlog at shutdown.
        let essential: [any Service] = [manager] + server.applications().map { $0 as any Service }
        let services = essential.map {
            ServiceGroupConfiguration.ServiceConfiguration(
                service: $0, successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup)
        } + [.init(service: ReadinessTracker(readiness: readiness, informers: environment.informers),
                   successTerminationBehavior: .ignore)]
            + (server.receiver.map { [.init(service: TimelineBacklogService(receiver: $0.receiver), successTerminationBehavior: .ignore)] } ?? [])
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info("starting", metadata: [
            "namespaces": "\(configuration.namespaces.isEmpty ? "all" : configuration.namespaces.joined(separator: ","))",
            "leaderElection": "\(configuration.leaderElection.enabled)",
            "llmProviders": "\(configuration.llmProviders.map(\.name).joined(separator: ","))",
            "listeners": "\(server.listeners.map { "\($0.address)=\($0.endpoints.sorted().map(\.rawValue).joined(separator: "+"))" })",
        ])
        do {
            try await group.run()
        } catch {
            try? await client.shutdown()
            throw error
        }
        try? await client.shutdown()
    }
}
