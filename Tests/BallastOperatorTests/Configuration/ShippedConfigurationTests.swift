import ClusterTestSupport
import Foundation
import Testing
@testable import BallastOperator

/// The config.yaml that `config/manager` ships and the one the Helm chart renders are accepted,
/// together with the flags and environment their Deployments pass.
@Suite struct ShippedConfigurationTests {
    static let root = ReceiverCluster.repositoryRoot

    @Test func kustomizeConfigMapAndDeploymentArgumentsResolve() throws {
        let configMap = try String(contentsOf: Self.root.appendingPathComponent("config/manager/config.yaml"), encoding: .utf8)
        let manager = try String(contentsOf: Self.root.appendingPathComponent("config/manager/manager.yaml"), encoding: .utf8)
        let configuration = try Self.resolve(configMap: configMap, deployment: manager)
        #expect(configuration.operatorNamespace == "ballast-system")
        #expect(configuration.leaderElection.enabled)
        #expect(configuration.metricsAddress == ListenAddress(host: "0.0.0.0", port: 8080))
        #expect(configuration.probeAddress == ListenAddress(host: "0.0.0.0", port: 8081))
        #expect(configuration.receiverAddress == ListenAddress(host: "0.0.0.0", port: 8082))
        #expect(configuration.receiver.tokenFile == "/etc/ballast/receiver/token")
        #expect(configuration.receiver.token == "mounted-token")
    }

    @Test func chartWithDefaultValuesResolves() async throws {
        let configuration = try await Self.resolveChart(values: nil)
        #expect(configuration.namespaces.isEmpty)
        #expect(configuration.llmProviders.isEmpty)
        #expect(configuration.receiverAddress == ListenAddress(host: "0.0.0.0", port: 8082))
        #expect(configuration.receiver.tokenFile == "/etc/ballast/receiver/token")
    }

    @Test func chartWithEveryOptionResolves() async throws {
        let values = try String(
            contentsOf: Self.root.appendingPathComponent("Tests/InstallTests/Fixtures/values-full.yaml"), encoding: .utf8)
        let configuration = try await Self.resolveChart(values: values)
        #expect(configuration.namespaces == ["shop", "payments"])
        #expect(configuration.metricsAddress.port == 9090)
        #expect(configuration.receiver.tokenFile == "/etc/ballast/receiver/bearer")
        #expect(configuration.llmProviders.map(\.name) == ["primary", "local"])
        #expect(configuration.llmProviders.map(\.kind) == [.openAI, .ollama])
        #expect(configuration.llmProviders[0].apiKey == .file("/etc/ballast/llm/primary/openai-key"))
        #expect(configuration.llmProviders[1].apiKey == .none)
        #expect(configuration.receiver.tls == ReceiverTLSFiles(
            certificateFile: "/etc/ballast/receiver-tls/tls.crt", keyFile: "/etc/ballast/receiver-tls/tls.key",
            clientCAFile: "/etc/ballast/receiver-client-ca/ca.crt"))
    }

    @Test func chartWithTheReceiverDisabledTurnsItOff() async throws {
        let configuration = try await Self.resolveChart(values: "receiver: {enabled: false}")
        #expect(configuration.receiverAddress == nil)
    }

    // MARK: - Helpers

    /// Renders the chart with `values` overlaid and resolves its ConfigMap and Deployment.
    static func resolveChart(values: String?) async throws -> OperatorConfiguration {
        let documents = try await RenderedChart.documents(values: values)
        let configMap = try #require(documents.first { $0.contains("kind: ConfigMap") && $0.contains("config.yaml: |") })
        let deployment = try #require(documents.first { $0.contains("kind: Deployment") })
        return try resolve(configMap: configMap, deployment: deployment)
    }

    /// Resolves the `config.yaml` of `configMap` with the `run` arguments of `deployment`, in
    /// the pod's namespace, with the token and receiver TLS Secrets mounted.
    static func resolve(configMap: String, deployment: String) throws -> OperatorConfiguration {
        let configText = try #require(RenderedChart.literalBlock("config.yaml", in: configMap))
        let flags = try runFlags(arguments: containerArguments(deployment))
        let configPath = try #require(flags.configFile)
        return try OperatorConfiguration.resolve(
            flags: flags, environment: ["BALLAST_POD_NAMESPACE": "ballast-system"],
            readFile: { path in
                if path == configPath { return Data(configText.utf8) }
                if path.hasPrefix("/etc/ballast/receiver/") { return Data("mounted-token\n".utf8) }
                if path.hasPrefix("/etc/ballast/receiver-tls/") || path.hasPrefix("/etc/ballast/receiver-client-ca/") {
                    return Data("mounted PEM".utf8)
                }
                throw FileReadError(path: path, code: ENOENT)
            },
            defaultIdentity: "test")
    }

    /// The list items under the first container's `args:`.
    static func containerArguments(_ deployment: String) throws -> [String] {
        let lines = deployment.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "args:" })
        return lines[(start + 1)...]
            .prefix { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- ") }
            .map { String($0.trimmingCharacters(in: .whitespaces).dropFirst(2)).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
    }

    /// `run --flag=value ...` as the contract's flags.
    static func runFlags(arguments: [String]) throws -> RunFlags {
        try #require(arguments.first == "run")
        var flags = RunFlags()
        for argument in arguments.dropFirst() {
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            try #require(parts.count == 2, "unexpected argument \(argument)")
            switch parts[0] {
            case "--config": flags.configFile = parts[1]
            case "--leader-elect":
                try #require(["true", "false"].contains(parts[1]), "--leader-elect takes true or false")
                flags.leaderElect = parts[1] == "true"
            case "--metrics-addr": flags.metricsAddress = parts[1]
            case "--probe-addr": flags.probeAddress = parts[1]
            case "--receiver-addr": flags.receiverAddress = parts[1]
            case "--namespace": flags.namespaces.append(parts[1])
            default: Issue.record("the Deployment passes \(parts[0]), which this test does not know")
            }
        }
        return flags
    }
}
