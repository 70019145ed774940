import BallastDecision

/// The configuration file (`--config`, `$BALLAST_CONFIG`) as written, every key optional and
/// type-checked, before it is layered under flags and environment. File-only sections (LLM
/// providers, `remediation:`, receiver TLS) are already mapped to their final types.
struct ConfigurationFile: Sendable, Hashable {
    /// The file's path, for messages.
    var path: String
    var kubeconfig: String?
    var context: String?
    var namespaces: [String]?
    var metricsAddr: String?
    var probeAddr: String?
    var workers: Int?
    var rulesFile: String?
    var logLevel: String?
    var logFormat: String?
    var leaderElection = LeaderElection()
    var receiver = Receiver()
    var providers: [ProviderConfiguration] = []
    var lifecycle = LifecycleSettings()

    /// `leaderElection:`.
    struct LeaderElection: Sendable, Hashable {
        var enabled: Bool?
        var leaseName: String?
        var leaseNamespace: String?
        var identity: String?
        var leaseDuration: Duration?
        var renewDeadline: Duration?
        var retryPeriod: Duration?
    }

    /// `receiver:`.
    struct Receiver: Sendable, Hashable {
        var enabled: Bool?
        var addr: String?
        var tokenFile: String?
        var requestNamespace: String?
        var namespace: String?
        var maxBodyBytes: Int?
        var tls: ReceiverTLSFiles?
    }

    /// An empty file: every setting comes from elsewhere.
    init(path: String) {
        self.path = path
    }

    /// Where `key` (a full key path) of this file is.
    func origin(_ key: String) -> SettingOrigin { .file(path: path, key: key) }
}
