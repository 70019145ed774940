import Logging
import Testing
@testable import BallastOperator

/// Flags over environment over file over defaults, setting by setting.
@Suite struct ConfigurationPrecedenceTests {
    @Test func nothingConfiguredGivesTheDocumentedDefaults() throws {
        let configuration = try ConfigurationFixture().resolve()
        #expect(configuration.kubeconfig == nil)
        #expect(configuration.context == nil)
        #expect(configuration.namespaces.isEmpty)
        #expect(configuration.metricsAddress == ListenAddress(host: "0.0.0.0", port: 8080))
        #expect(configuration.probeAddress == ListenAddress(host: "0.0.0.0", port: 8081))
        #expect(configuration.operatorNamespace == "ballast-system")
        #expect(configuration.leaderElection == LeaderElectionSettings(
            enabled: true, leaseName: "ballast-operator", leaseNamespace: "ballast-system",
            identity: ConfigurationFixture.identity, leaseDuration: .seconds(15), renewDeadline: .seconds(10),
            retryPeriod: .seconds(2)))
        #expect(configuration.receiver.requestNamespace == .alertNamespace(fallback: "ballast-system"))
        #expect(configuration.receiver.maxBodyBytes == 1 << 20)
        #expect(configuration.llmProviders.isEmpty)
        #expect(configuration.rulesFile == nil)
        #expect(configuration.lifecycle == LifecycleSettings())
        #expect(configuration.workers == 4)
        #expect(configuration.logLevel == .info)
        #expect(configuration.logFormat == .json)
        // No token file anywhere: the receiver is off, and a warning says why.
        #expect(configuration.receiverAddress == nil)
        #expect(configuration.warnings == [
            "the Alertmanager receiver is off: no bearer token file is configured (receiver.tokenFile)",
        ])
    }

    enum Layer: String, CaseIterable { case flag, environment, file }

    /// With the layers from `present` set to distinct addresses, the highest one wins.
    @Test(arguments: [
        [Layer.flag, .environment, .file], [.environment, .file], [.file], [.flag, .file], [.flag],
    ])
    func metricsAddressComesFromTheHighestLayerSet(present: [Layer]) throws {
        var fixture = ConfigurationFixture.file(present.contains(.file) ? "metricsAddr: 127.0.0.3:9003" : "")
        if present.contains(.environment) { fixture.environment["BALLAST_METRICS_ADDR"] = "127.0.0.2:9002" }
        let flags = RunFlags(metricsAddress: present.contains(.flag) ? "127.0.0.1:9001" : nil)
        let expected = ["flag": 9001, "environment": 9002, "file": 9003][present[0].rawValue]
        #expect(try fixture.resolve(flags).metricsAddress.port == expected)
    }

    @Test func everyFlagOutranksItsVariableAndKey() throws {
        var fixture = ConfigurationFixture.file("""
            kubeconfig: /file/kubeconfig
            context: file-context
            namespaces: [file-a]
            probeAddr: 127.0.0.3:9013
            workers: 3
            rulesFile: /file/rules.yaml
            log: {level: error, format: text}
            leaderElection: {enabled: true}
            receiver: {addr: 127.0.0.3:9023, tokenFile: /file/token}
            """, extraFiles: ["/flag/rules.yaml": "rules: []", "/flag/token": "s3cret\n"])
        fixture.environment.merge([
            "BALLAST_KUBECONFIG": "/env/kubeconfig", "BALLAST_CONTEXT": "env-context", "BALLAST_NAMESPACES": "env-a",
            "BALLAST_PROBE_ADDR": "127.0.0.2:9012", "BALLAST_WORKERS": "2", "BALLAST_RULES": "/env/rules.yaml",
            "BALLAST_LOG_LEVEL": "warning", "BALLAST_LOG_FORMAT": "json", "BALLAST_LEADER_ELECT": "true",
            "BALLAST_RECEIVER_ADDR": "127.0.0.2:9022", "BALLAST_RECEIVER_TOKEN_FILE": "/env/token",
        ]) { $1 }
        let configuration = try fixture.resolve(RunFlags(
            kubeconfig: "/flag/kubeconfig", context: "flag-context", namespaces: ["flag-a", "flag-b"],
            probeAddress: "127.0.0.1:9011", receiverAddress: "127.0.0.1:9021", leaderElect: false,
            receiverTokenFile: "/flag/token", logLevel: "debug", logFormat: "text", workers: 8, rulesFile: "/flag/rules.yaml"))
        #expect(configuration.kubeconfig == "/flag/kubeconfig")
        #expect(configuration.context == "flag-context")
        #expect(configuration.namespaces == ["flag-a", "flag-b"])
        #expect(configuration.probeAddress.port == 9011)
        #expect(configuration.receiverAddress?.port == 9021)
        #expect(configuration.leaderElection.enabled == false)
        #expect(configuration.receiver.tokenFile == "/flag/token")
        #expect(configuration.receiver.token == "s3cret")
        #expect(configuration.logLevel == .debug)
        #expect(configuration.logFormat == .text)
        #expect(configuration.workers == 8)
        #expect(configuration.rulesFile == "/flag/rules.yaml")
    }

    @Test func variablesOutrankTheFile() throws {
        var fixture = ConfigurationFixture.file("""
            context: file-context
            namespaces: [file-a]
            workers: 3
            log: {level: error, format: text}
            leaderElection: {enabled: true}
            """)
        fixture.environment.merge([
            "BALLAST_CONTEXT": "env-context", "BALLAST_NAMESPACES": " env-a, env-b ,,env-a", "BALLAST_WORKERS": "2",
            "BALLAST_LOG_LEVEL": "WARNING", "BALLAST_LOG_FORMAT": "json", "BALLAST_LEADER_ELECT": "false",
        ]) { $1 }
        let configuration = try fixture.resolve()
        #expect(configuration.context == "env-context")
        #expect(configuration.namespaces == ["env-a", "env-b"])  // trimmed, empty entries and repeats dropped
        #expect(configuration.workers == 2)
        #expect(configuration.logLevel == .warning)
        #expect(configuration.logFormat == .json)
        #expect(configuration.leaderElection.enabled == false)
    }

    @Test func emptyVariablesCountAsUnset() throws {
        var fixture = ConfigurationFixture.file("workers: 3\nmetricsAddr: 127.0.0.1:9100")
        fixture.environment.merge(["BALLAST_WORKERS": "", "BALLAST_METRICS_ADDR": "", "BALLAST_POD_NAMESPACE": ""]) { $1 }
        let configuration = try fixture.resolve()
        #expect(configuration.workers == 3)
        #expect(configuration.metricsAddress.port == 9100)
        #expect(configuration.operatorNamespace == "ballast-system")
    }

    @Test(arguments: [
        (["BALLAST_KUBECONFIG": "/b", "KUBECONFIG": "/k1:/k2"], "/b"),
        (["KUBECONFIG": "/k1:/k2"], "/k1"),
        (["KUBECONFIG": "/k1"], "/k1"),
        ([:], "/file"),
    ])
    func kubeconfigFollowsBallastThenStandardVariableThenFile(environment: [String: String], expected: String) throws {
        var fixture = ConfigurationFixture.file("kubeconfig: /file")
        fixture.environment.merge(environment) { $1 }
        #expect(try fixture.resolve().kubeconfig == expected)
    }

    @Test func podNamespaceBecomesTheOperatorLeaseAndFallbackNamespace() throws {
        let fixture = ConfigurationFixture(environment: ["BALLAST_POD_NAMESPACE": "ops"])
        let configuration = try fixture.resolve()
        #expect(configuration.operatorNamespace == "ops")
        #expect(configuration.leaderElection.leaseNamespace == "ops")
        #expect(configuration.receiver.requestNamespace == .alertNamespace(fallback: "ops"))
    }

    @Test func leaderElectionSectionSetsTheLease() throws {
        let configuration = try ConfigurationFixture.file("""
            leaderElection:
              enabled: false
              leaseName: ballast-blue
              leaseNamespace: ops
              identity: pod-a
              leaseDuration: 30s
              renewDeadline: 20s
              retryPeriod: 500ms
            """).resolve()
        #expect(configuration.leaderElection == LeaderElectionSettings(
            enabled: false, leaseName: "ballast-blue", leaseNamespace: "ops", identity: "pod-a",
            leaseDuration: .seconds(30), renewDeadline: .seconds(20), retryPeriod: .milliseconds(500)))
        let election = try configuration.leaderElection.electionConfiguration()
        #expect(election.name == "ballast-blue" && election.namespace == "ops" && election.identity == "pod-a")
    }

    @Test(arguments: Logger.Level.allCases)
    func everyLogLevelIsAccepted(level: Logger.Level) throws {
        #expect(try ConfigurationFixture().resolve(RunFlags(logLevel: level.rawValue)).logLevel == level)
    }

    @Test func anEmptyConfigFileConfiguresNothing() throws {
        let configuration = try ConfigurationFixture.file("# nothing here\n").resolve()
        #expect(configuration.workers == 4 && configuration.llmProviders.isEmpty)
    }
}
