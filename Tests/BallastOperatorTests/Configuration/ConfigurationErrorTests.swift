import PropertyBased
import Testing
@testable import BallastOperator

/// Every way a configuration can be wrong gets one line naming the file, key, flag or variable.
@Suite struct ConfigurationErrorTests {
    typealias Fixture = ConfigurationFixture
    static let path = ConfigurationFixture.configPath

    @Test func unknownProviderKeyIsNamedWithItsIndexAndASuggestion() {
        let fixture = Fixture.file("""
            llm:
              providers:
              - {name: a, kind: ollama, baseURL: "http://127.0.0.1:11434", model: llama3.1}
              - {name: b, kind: ollama, baseURL: "http://127.0.0.1:11434", modle: llama3.1}
            """)
        #expect(Fixture.error(fixture) == #"config file \#(Self.path): llm.providers[1].modle: unknown key; did you mean "model"?"#)
    }

    @Test(arguments: [
        ("metricAddr: :8080", #"metricAddr: unknown key; did you mean "metricsAddr"?"#),
        ("reciever: {}", #"reciever: unknown key; did you mean "receiver"?"#),
        ("receiver: {tokenfile: /t}", #"receiver.tokenfile: unknown key; did you mean "tokenFile"?"#),
        ("llm: {provider: []}", #"llm.provider: unknown key; did you mean "providers"?"#),
        ("remediation: {maxAttempt: 2}", #"remediation.maxAttempt: unknown key; did you mean "maxAttempts"?"#),
        ("leaderElection: {enable: false}", #"leaderElection.enable: unknown key; did you mean "enabled"?"#),
        ("log: {levle: debug}", #"log.levle: unknown key; did you mean "level"?"#),
        ("receiver: {tls: {cert: /c, keyFile: /k}}", "receiver.tls.cert: unknown key"),
        ("spec: {}", "spec: unknown key"),
    ])
    func unknownKeysAreRefused(yaml: String, expected: String) {
        #expect(Fixture.error(Fixture.file(yaml)) == "config file \(Self.path): \(expected)")
    }

    @Test(arguments: [
        ("workers: four", #"workers: expected an integer, found "four""#),
        ("workers: 2.5", #"workers: expected an integer, found "2.5""#),
        ("namespaces: shop", #"namespaces: expected a list of strings, found "shop""#),
        ("namespaces: [shop, {a: b}]", "namespaces[1]: expected a string, found a mapping"),
        ("receiver: [a]", "receiver: expected a mapping, found a list"),
        ("leaderElection: {enabled: yes}", #"leaderElection.enabled: expected true or false, found "yes""#),
        ("llm: {providers: {name: a}}", "llm.providers: expected a list of mappings, found a mapping"),
        ("llm: {providers: [openai]}", #"llm.providers[0]: expected a mapping, found "openai""#),
        ("metricsAddr: {host: x}", "metricsAddr: expected a string, found a mapping"),
        ("remediation: {escalationConfidence: high}", #"remediation.escalationConfidence: expected a number, found "high""#),
        ("- a\n- b", "(top level): expected a mapping, found a list"),
    ])
    func wrongTypesNameThePathAndTheExpectedType(yaml: String, expected: String) {
        #expect(Fixture.error(Fixture.file(yaml)) == "config file \(Self.path): \(expected)")
    }

    @Test func unreadableFilesNameTheFileAndTheOSError() {
        #expect(Fixture.error(Fixture(), RunFlags(configFile: "/nowhere.yaml"))
            == "cannot read config file /nowhere.yaml: No such file or directory")
        #expect(Fixture.error(Fixture(), RunFlags(configFile: "/etc/ballast/config.denied"))
            == "cannot read config file /etc/ballast/config.denied: Permission denied")
        #expect(Fixture.error(Fixture(), RunFlags(rulesFile: "/rules.yaml"))
            == "cannot read rules file /rules.yaml: No such file or directory")
    }

    @Test func theConfigFlagOutranksTheVariable() throws {
        var fixture = Fixture.file("workers: 5")
        fixture.files["/other.yaml"] = "workers: 6"
        #expect(try fixture.resolve(RunFlags(configFile: "/other.yaml")).workers == 6)
    }

    @Test func invalidYAMLIsReportedWithTheFile() {
        let message = Fixture.error(Fixture.file("receiver: {tokenFile: [unclosed"))
        #expect(message.hasPrefix("config file \(Self.path): not valid YAML: "))
        #expect(!message.contains("\n"))
    }

    @Test(arguments: [
        (RunFlags(metricsAddress: "8080"), #"--metrics-addr: "8080": expected HOST:PORT"#),
        (RunFlags(probeAddress: "0.0.0.0:70000"), #"--probe-addr: "0.0.0.0:70000": port must be a number from 0 to 65535"#),
        (RunFlags(receiverAddress: "0.0.0.0:http"), #"--receiver-addr: "0.0.0.0:http": port must be a number from 0 to 65535"#),
        (RunFlags(namespaces: ["Shop"]), #"--namespace: "Shop": not a valid namespace name (lower-case letters, digits and '-', at most 63 characters)"#),
        (RunFlags(logLevel: "verbose"), #"--log-level: "verbose": expected one of trace, debug, info, notice, warning, error, critical"#),
        (RunFlags(logFormat: "xml"), #"--log-format: "xml": expected one of json, text"#),
        (RunFlags(workers: 0), #"--workers: "0": must be from 1 to 64"#),
        (RunFlags(workers: 65), #"--workers: "65": must be from 1 to 64"#),
    ])
    func badFlagValuesNameTheFlag(flags: RunFlags, expected: String) {
        #expect(Fixture.error(Fixture(), flags) == expected)
    }

    @Test(arguments: [
        ("BALLAST_LEADER_ELECT", "yes", #"$BALLAST_LEADER_ELECT: "yes": expected true or false"#),
        ("BALLAST_WORKERS", "many", #"$BALLAST_WORKERS: "many": expected an integer"#),
        ("BALLAST_METRICS_ADDR", "localhost", #"$BALLAST_METRICS_ADDR: "localhost": expected HOST:PORT"#),
        ("BALLAST_NAMESPACES", "shop,Pay", #"$BALLAST_NAMESPACES: "Pay": not a valid namespace name (lower-case letters, digits and '-', at most 63 characters)"#),
        ("BALLAST_POD_NAMESPACE", "ops_1", #"$BALLAST_POD_NAMESPACE: "ops_1": not a valid namespace name (lower-case letters, digits and '-', at most 63 characters)"#),
    ])
    func badVariablesNameTheVariable(variable: String, value: String, expected: String) {
        #expect(Fixture.error(Fixture(environment: [variable: value])) == expected)
    }

    @Test(arguments: [
        ("probeAddr: 127.0.0.1:-1", #"probeAddr: "127.0.0.1:-1": port must be a number from 0 to 65535"#),
        ("namespaces: [shop, 'a b']", #"namespaces[1]: "a b": not a valid namespace name (lower-case letters, digits and '-', at most 63 characters)"#),
        ("workers: 100", #"workers: "100": must be from 1 to 64"#),
        ("log: {format: yaml}", #"log.format: "yaml": expected one of json, text"#),
        ("leaderElection: {leaseName: Ballast}", #"leaderElection.leaseName: "Ballast": not a valid Lease name (lower-case letters, digits and '-', at most 63 characters)"#),
        ("leaderElection: {leaseDuration: 15}", #"leaderElection.leaseDuration: "15": expected a duration such as 30s, 10m or 1h30m (missing unit)"#),
        ("leaderElection: {retryPeriod: 0s}", #"leaderElection.retryPeriod: "0s": must be longer than 0s"#),
    ])
    func badFileValuesNameTheKey(yaml: String, expected: String) {
        #expect(Fixture.error(Fixture.file(yaml)) == "config file \(Self.path): \(expected)")
    }

    @Test func leaderTimingsThatCannotWorkAreRefused() {
        #expect(Fixture.error(Fixture.file("leaderElection: {leaseDuration: 10s, renewDeadline: 10s}"))
            == "config file \(Self.path): leader election: renewDeadline (10.0 seconds) must be shorter than leaseDuration (10.0 seconds)")
    }
}

/// Whatever a person types, the error stays one line (values are shown escaped).
@Suite struct ConfigurationErrorLineTests {
    @Test func errorsAboutAnyValueAreOneLine() async {
        let value = Gen.oneOf(Gen.ascii, Gen.character(in: "\u{80}"..."\u{D7FF}")).string(of: 1...20)
        await propertyCheck(input: value) { text in
            let messages = [RunFlags(metricsAddress: text + "\n"), RunFlags(logLevel: text + "\n")]
                .map { ConfigurationFixture.error(ConfigurationFixture(), $0) }
            for message in messages {
                #expect(!message.contains("\n") && !message.contains("\r"), "\(message.debugDescription)")
            }
            let yaml = ConfigurationFixture.error(ConfigurationFixture.file("workers: \((text + " x").debugDescription)"))
            #expect(!yaml.contains("\n"), "\(yaml.debugDescription)")
        }
    }
}
