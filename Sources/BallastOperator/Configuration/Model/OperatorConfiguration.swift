import BallastDecision
import Logging

/// The fully resolved configuration of `ballast run`: flags over environment over the
/// configuration file over defaults, validated as a whole (see ``resolve(flags:environment:readFile:defaultIdentity:)``).
///
/// Every value is final: addresses are parsed, files named by the configuration are read (the
/// receiver token) or checked for presence (TLS files are loaded by ``ReceiverTLS``), and the
/// defaults are the documented ones (docs/configuration.md).
public struct OperatorConfiguration: Sendable, Hashable {
    /// The kubeconfig to use; `nil` means in-cluster configuration, else kubectl's defaults.
    public var kubeconfig: String?
    /// The kubeconfig context; `nil` means its current context.
    public var context: String?
    /// Namespaces the operator acts in; empty means every namespace.
    public var namespaces: [String]
    /// Where `/metrics` is served (default `0.0.0.0:8080`).
    public var metricsAddress: ListenAddress
    /// Where `/healthz` and `/readyz` are served (default `0.0.0.0:8081`).
    public var probeAddress: ListenAddress
    /// Where the Alertmanager receiver listens (default `0.0.0.0:8082`); `nil` when it is off.
    /// Whenever it is set, ``ReceiverSettings/tokenFile`` is set too.
    public var receiverAddress: ListenAddress?
    /// Lease-based leader election.
    public var leaderElection: LeaderElectionSettings
    /// The operator's own namespace (`BALLAST_POD_NAMESPACE`, else `ballast-system`): Events,
    /// Leases and ActionHistories of cluster-scoped targets go here.
    public var operatorNamespace: String
    /// The receiver's authentication, TLS and request placement.
    public var receiver: ReceiverSettings
    /// LLM providers in failover order; empty means the built-in rules decide.
    public var llmProviders: [ProviderConfiguration]
    /// A rules file replacing the built-in rules (RulesEngine YAML); `nil` for the built-in ones.
    public var rulesFile: String?
    /// The RemediationRequest lifecycle's tunables (`remediation:` in the file).
    public var lifecycle: LifecycleSettings
    /// RemediationRequests reconciled at once (default 4).
    public var workers: Int
    /// The lowest level logged (default `info`).
    public var logLevel: Logger.Level
    /// The log line format (default JSON).
    public var logFormat: LogFormat
    /// Things worth a warning at startup that do not stop it (e.g. the receiver is off because
    /// no token file is configured); ``logWarnings(to:)`` logs them.
    public var warnings: [String]

    /// The defaults, in `operatorNamespace`, with `identity` for leader election: what
    /// `ballast run` uses when nothing is configured.
    public static func defaults(operatorNamespace: String = defaultOperatorNamespace, identity: String) -> OperatorConfiguration {
        OperatorConfiguration(
            kubeconfig: nil, context: nil, namespaces: [],
            metricsAddress: ListenAddress(host: "0.0.0.0", port: 8080),
            probeAddress: ListenAddress(host: "0.0.0.0", port: 8081),
            receiverAddress: ListenAddress(host: "0.0.0.0", port: 8082),
            leaderElection: LeaderElectionSettings(leaseNamespace: operatorNamespace, identity: identity),
            operatorNamespace: operatorNamespace,
            receiver: ReceiverSettings(requestNamespace: .alertNamespace(fallback: operatorNamespace)),
            llmProviders: [], rulesFile: nil, lifecycle: LifecycleSettings(), workers: 4,
            logLevel: .info, logFormat: .json, warnings: [])
    }

    /// The listen addresses for ``OperatorHTTPServer``: metrics and probes always, the receiver
    /// only when it is on (then ``ReceiverSettings/tokenFile`` is set).
    public var httpAddresses: [HTTPEndpoint: ListenAddress] {
        var addresses: [HTTPEndpoint: ListenAddress] = [.metrics: metricsAddress, .probes: probeAddress]
        addresses[.receiver] = receiverAddress
        return addresses
    }

    /// The namespace the operator runs in when `BALLAST_POD_NAMESPACE` is not set.
    public static let defaultOperatorNamespace = "ballast-system"
    /// The accepted numbers of ``workers``.
    public static let workerRange = 1...64
}
