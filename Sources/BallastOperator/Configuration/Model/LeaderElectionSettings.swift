import ControllerRuntime

/// Lease-based leader election settings (`leaderElection:` in the file, `--leader-elect`).
/// Defaults follow client-go: 15 s lease, 10 s renew deadline, 2 s retry period.
public struct LeaderElectionSettings: Sendable, Hashable {
    /// Whether to elect a leader (default `true`); off, this instance acts at once.
    public var enabled: Bool
    /// The Lease's name (default `ballast-operator`).
    public var leaseName: String
    /// The Lease's namespace (default: the operator's namespace).
    public var leaseNamespace: String
    /// This instance's identity in the Lease (default: host name and process id).
    public var identity: String
    /// How long a Lease stays valid after its last renewal.
    public var leaseDuration: Duration
    /// How long a leader keeps trying to renew before it stops acting.
    public var renewDeadline: Duration
    /// The pause between attempts to acquire or renew.
    public var retryPeriod: Duration

    /// The default Lease name.
    public static let defaultLeaseName = "ballast-operator"

    /// Creates settings; only the namespace and identity have no default.
    public init(
        enabled: Bool = true, leaseName: String = defaultLeaseName, leaseNamespace: String, identity: String,
        leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2)
    ) {
        self.enabled = enabled
        self.leaseName = leaseName
        self.leaseNamespace = leaseNamespace
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
    }

    /// The leader elector's configuration.
    /// - Throws: ``LeaderElectionConfigurationError`` unless `retryPeriod < renewDeadline <
    ///   leaseDuration` and names are non-empty (``OperatorConfiguration`` checks this when it
    ///   resolves, so a resolved configuration never throws here).
    public func electionConfiguration() throws(LeaderElectionConfigurationError) -> LeaderElectionConfiguration {
        try LeaderElectionConfiguration(
            namespace: leaseNamespace, name: leaseName, identity: identity,
            leaseDuration: leaseDuration, renewDeadline: renewDeadline, retryPeriod: retryPeriod)
    }
}
