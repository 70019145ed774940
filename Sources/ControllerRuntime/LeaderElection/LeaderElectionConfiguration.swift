/// Which Lease to contend for, as whom, and the timing. Defaults are client-go's.
public struct LeaderElectionConfiguration: Sendable, Hashable {
    /// The Lease's namespace.
    public var namespace: String
    /// The Lease's name (one per operator).
    public var name: String
    /// This replica's identity (unique per process, e.g. pod name plus a random suffix).
    public var identity: String
    /// How long a lease is valid after its last renewal; a non-leader takes over only after
    /// seeing the record unchanged for this long.
    public var leaseDuration: Duration
    /// A leader that has not renewed for this long stops acting. Must be below `leaseDuration`
    /// so the old leader stops before anyone else may start.
    public var renewDeadline: Duration
    /// The pause between attempts to acquire or renew.
    public var retryPeriod: Duration

    /// - Throws: ``LeaderElectionConfigurationError`` unless `retryPeriod < renewDeadline < leaseDuration`.
    public init(
        namespace: String, name: String, identity: String,
        leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10),
        retryPeriod: Duration = .seconds(2)
    ) throws(LeaderElectionConfigurationError) {
        guard renewDeadline < leaseDuration else {
            throw LeaderElectionConfigurationError(
                "renewDeadline (\(renewDeadline)) must be shorter than leaseDuration (\(leaseDuration))")
        }
        guard retryPeriod > .zero, renewDeadline > retryPeriod else {
            throw LeaderElectionConfigurationError(
                "retryPeriod (\(retryPeriod)) must be positive and shorter than renewDeadline (\(renewDeadline))")
        }
        guard !identity.isEmpty, !name.isEmpty, !namespace.isEmpty else {
            throw LeaderElectionConfigurationError("namespace, name and identity must not be empty")
        }
        self.namespace = namespace
        self.name = name
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
    }

    /// The lease duration in whole seconds, as the Lease records it (at least 1).
    var leaseDurationSeconds: Int32 {
        Int32(clamping: max(1, leaseDuration.components.seconds))
    }
}

/// Why a leader election configuration cannot work.
public struct LeaderElectionConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public let description: String

    init(_ description: String) {
        self.description = "leader election: \(description)"
    }
}
