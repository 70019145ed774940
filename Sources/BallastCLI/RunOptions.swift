import ArgumentParser
import BallastOperator

/// The flags of `ballast run` (the command-line contract in architecture.md plus a few
/// operational ones). Every flag is optional: unset flags fall back to `BALLAST_*` environment
/// variables, then the `--config` file, then defaults (docs/configuration.md). Values are
/// checked by ``OperatorConfiguration/resolve(flags:environment:readFile:defaultIdentity:)``,
/// so a bad value is reported the same way whichever layer it came from.
struct RunOptions: ParsableArguments {
    @Option(name: .customLong("kubeconfig"), help: ArgumentHelp(
        "Kubeconfig file to use (default: $BALLAST_KUBECONFIG, $KUBECONFIG, the in-cluster service account, ~/.kube/config).",
        valueName: "path"))
    var kubeconfig: String?

    @Option(name: .customLong("context"), help: ArgumentHelp("Kubeconfig context to use (default: its current context).", valueName: "name"))
    var context: String?

    @Option(name: .customLong("namespace"), help: ArgumentHelp(
        "Act only in this namespace; repeat for several (default: every namespace; $BALLAST_NAMESPACES=a,b).",
        valueName: "namespace"))
    var namespaces: [String] = []

    @Option(name: .customLong("config"), help: ArgumentHelp(
        "YAML configuration file: LLM providers, receiver auth and TLS, remediation tunables ($BALLAST_CONFIG).",
        valueName: "file"))
    var config: String?

    @Option(name: .customLong("metrics-addr"), help: ArgumentHelp(
        "Serve /metrics on HOST:PORT (default 0.0.0.0:8080; $BALLAST_METRICS_ADDR).", valueName: "host:port"))
    var metricsAddress: String?

    @Option(name: .customLong("probe-addr"), help: ArgumentHelp(
        "Serve /healthz and /readyz on HOST:PORT (default 0.0.0.0:8081; $BALLAST_PROBE_ADDR).", valueName: "host:port"))
    var probeAddress: String?

    @Option(name: .customLong("receiver-addr"), help: ArgumentHelp(
        "Serve the Alertmanager webhook (POST /api/v1/alerts) on HOST:PORT, or 'off' (default 0.0.0.0:8082 when a token file is configured; $BALLAST_RECEIVER_ADDR).",
        valueName: "host:port"))
    var receiverAddress: String?

    @Option(name: .customLong("leader-elect"), help: ArgumentHelp(
        "Elect a leader through a Lease so only one replica acts (default true; $BALLAST_LEADER_ELECT).",
        valueName: "true|false"))
    var leaderElect: Bool?

    @Option(name: .customLong("receiver-token-file"), help: ArgumentHelp(
        "File holding the bearer token Alertmanager must send (a mounted Secret; re-read when it changes; $BALLAST_RECEIVER_TOKEN_FILE).",
        valueName: "file"))
    var receiverTokenFile: String?

    @Option(name: .customLong("log-level"), help: ArgumentHelp(
        "Lowest level logged: trace, debug, info, notice, warning, error, critical (default info; $BALLAST_LOG_LEVEL).",
        valueName: "level"))
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: ArgumentHelp(
        "Log lines as json (one object per line) or text (default json; $BALLAST_LOG_FORMAT).", valueName: "json|text"))
    var logFormat: String?

    @Option(name: .customLong("workers"), help: ArgumentHelp(
        "RemediationRequests reconciled at once, 1 to 64 (default 4; $BALLAST_WORKERS).", valueName: "count"))
    var workers: Int?

    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "Rules file replacing the built-in decision rules (default: built-in; $BALLAST_RULES).", valueName: "file"))
    var rulesFile: String?

    /// The flags as given, for ``OperatorConfiguration/resolve(flags:environment:readFile:defaultIdentity:)``.
    var flags: RunFlags {
        RunFlags(
            kubeconfig: kubeconfig, context: context, namespaces: namespaces, configFile: config,
            metricsAddress: metricsAddress, probeAddress: probeAddress, receiverAddress: receiverAddress,
            leaderElect: leaderElect, receiverTokenFile: receiverTokenFile, logLevel: logLevel, logFormat: logFormat,
            workers: workers, rulesFile: rulesFile)
    }
}
