import BallastAPI
import BallastCore
import BallastDecision
import ControllerRuntime
import Foundation
import KubeClient
import KubeTypes
import Logging

/// A part of the configuration the operator cannot start with.
public struct OperatorStartupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The part: `kubeconfig`, `rules`, `llm.providers`, `leaderElection`, `receiver`.
    public var component: String
    /// What is wrong with it, naming the file or field.
    public var problem: String

    /// Creates an error.
    public init(component: String, problem: String) {
        self.component = component
        self.problem = problem
    }

    public var description: String { "\(component): \(problem)" }
}

extension OperatorRuntime {
    /// The API server connection: `--kubeconfig` (and `--context`), else `KUBECONFIG`,
    /// `~/.kube/config`, or the in-cluster service account.
    static func kubeConfiguration(_ configuration: OperatorConfiguration) throws(OperatorStartupError) -> KubeConfiguration {
        do {
            if let path = configuration.kubeconfig {
                return try KubeConfiguration.load(kubeconfigPath: path, context: configuration.context)
            }
            return try KubeConfiguration.fromEnvironment(context: configuration.context)
        } catch {
            throw OperatorStartupError(component: "kubeconfig", problem: "\(error)")
        }
    }

    /// The three controllers, sharing `environment`.
    static func controllers(
        _ configuration: OperatorConfiguration, environment: OperatorEnvironment
    ) throws(OperatorStartupError) -> [any RunnableController] {
        let engine = try decisionEngine(configuration, environment: environment)
        var executor = ActionExecutor(client: environment.client, logger: Logger(label: "ballast.executor"))
        // A multi-step action (a drain's evictions) stops between steps when an emergency stop appears.
        executor.mutationGate = .emergencyStops(environment.informers)
        let metrics = OperatorMetricsFactory(metrics: environment.metrics)
        let settings = RemediationSettings(operatorNamespace: configuration.operatorNamespace, lifecycle: configuration.lifecycle)
        return [
            RemediationController.make(
                env: environment, decisionEngine: engine, executor: executor, settings: settings,
                workers: configuration.workers, metricsFactory: metrics),
            HistoryController.make(env: environment, metricsFactory: metrics),
            PolicyController.make(env: environment, metricsFactory: metrics),
        ]
    }

    /// The decision engine: the configured LLM providers in order, then the rules (the built-in
    /// ones, or `rulesFile`).
    static func decisionEngine(
        _ configuration: OperatorConfiguration, environment: OperatorEnvironment
    ) throws(OperatorStartupError) -> DecisionEngine {
        var rules = RulesEngine.builtIn
        if let path = configuration.rulesFile {
            do {
                rules = try RulesEngine.load(yaml: String(contentsOfFile: path, encoding: .utf8))
            } catch {
                throw OperatorStartupError(component: "rules", problem: "\(path): \(error)")
            }
        }
        return DecisionEngine(configuration: DecisionEngineConfiguration(
            providers: configuration.llmProviders.map { $0.makeProvider() }, catalog: CoreDecisionCatalog(),
            rules: CoreRulesDecider(engine: rules), now: environment.clock,
            metrics: OperatorMetricsFactory(metrics: environment.metrics), logger: Logger(label: "ballast.decision")))
    }

    /// The leader elector, or `nil` with leader election off. It reports this replica's role to
    /// `readiness`; on becoming leader the caches the controllers fill become required.
    static func elector(
        _ configuration: OperatorConfiguration, client: KubeClient, readiness: ReadinessState,
        informers: OperatorInformers, logger: Logger
    ) throws(OperatorStartupError) -> LeaderElector? {
        let settings = configuration.leaderElection
        guard settings.enabled else { return nil }
        let election: LeaderElectionConfiguration
        do {
            election = try LeaderElectionConfiguration(
                namespace: settings.leaseNamespace, name: settings.leaseName, identity: settings.identity,
                leaseDuration: settings.leaseDuration, renewDeadline: settings.renewDeadline,
                retryPeriod: settings.retryPeriod)
        } catch {
            throw OperatorStartupError(component: "leaderElection", problem: "\(error)")
        }
        return LeaderElector(configuration: election, api: .kubernetes(client), logger: logger) { leading in
            if leading { expectCaches(readiness, informers: informers) }
            readiness.setRole(leading ? .leader : .follower)
        }
    }

    /// The caches a leader must have synced before it is ready.
    static func expectCaches(_ readiness: ReadinessState, informers: OperatorInformers) {
        for cache in ReadinessTracker.caches(informers) where !cache.hasSynced() {
            readiness.expectCache(cache.name)
        }
    }
}
