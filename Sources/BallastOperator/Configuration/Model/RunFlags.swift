import Foundation

/// The command-line flags of `ballast run`, as given (every one optional, values unparsed), so
/// that ``OperatorConfiguration/resolve(flags:environment:readFile:defaultIdentity:)`` can
/// layer them over the environment and the file and name the flag in any error.
public struct RunFlags: Sendable, Hashable {
    /// `--kubeconfig`.
    public var kubeconfig: String?
    /// `--context`.
    public var context: String?
    /// `--namespace`, repeated; empty when not given.
    public var namespaces: [String]
    /// `--config`.
    public var configFile: String?
    /// `--metrics-addr`.
    public var metricsAddress: String?
    /// `--probe-addr`.
    public var probeAddress: String?
    /// `--receiver-addr` (`off` turns the receiver off).
    public var receiverAddress: String?
    /// `--leader-elect`.
    public var leaderElect: Bool?
    /// `--receiver-token-file`.
    public var receiverTokenFile: String?
    /// `--log-level`.
    public var logLevel: String?
    /// `--log-format`.
    public var logFormat: String?
    /// `--workers`.
    public var workers: Int?
    /// `--rules`.
    public var rulesFile: String?

    /// Creates flags; everything defaults to "not given".
    public init(
        kubeconfig: String? = nil, context: String? = nil, namespaces: [String] = [], configFile: String? = nil,
        metricsAddress: String? = nil, probeAddress: String? = nil, receiverAddress: String? = nil,
        leaderElect: Bool? = nil, receiverTokenFile: String? = nil, logLevel: String? = nil,
        logFormat: String? = nil, workers: Int? = nil, rulesFile: String? = nil
    ) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.namespaces = namespaces
        self.configFile = configFile
        self.metricsAddress = metricsAddress
        self.probeAddress = probeAddress
        self.receiverAddress = receiverAddress
        self.leaderElect = leaderElect
        self.receiverTokenFile = receiverTokenFile
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.workers = workers
        self.rulesFile = rulesFile
    }
}
