import BallastCtl
import ClusterTestSupport
import Foundation
import KubeTypes
import Testing

/// The built `ballast` binary, installed as `kubectl-ballast` through a symlink, found and run
/// by real kubectl plugin discovery.
@Suite("kubectl ballast through kubectl's plugin discovery")
struct KubectlPluginTests {
    let env: CtlTestCluster

    init() async throws {
        env = try await CtlTestCluster.prepared()
    }

    /// A directory holding only `kubectl-ballast` → the binary, for `PATH`.
    static func pluginDirectory(binary: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubectl-ballast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("kubectl-ballast").path, withDestinationPath: binary)
        return directory
    }

    /// Runs kubectl with `pluginPath` first on `PATH`.
    static func kubectl(_ arguments: [String], pluginPath: URL, kubeconfig: String) async throws -> CommandResult {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return try await Command.run(
            "kubectl", arguments, environment: ["PATH": "\(pluginPath.path):\(path)", "KUBECONFIG": kubeconfig])
    }

    private func kubectl(_ arguments: [String], pluginPath: URL) async throws -> CommandResult {
        try await Self.kubectl(arguments, pluginPath: pluginPath, kubeconfig: env.cluster.adminKubeconfig)
    }

    @Test("plugin list, status (table and JSON), and the exit codes of a missing object and bad input")
    func kubectlBallast() async throws {
        let plugins = try Self.pluginDirectory(binary: OperatorProcess.binary().path)
        defer { try? FileManager.default.removeItem(at: plugins) }
        try await env.withNamespace("ctl-plugin") { namespace in
            try await env.withSession(namespace: namespace) { session in
                try await session.createRequest("rollback-web", status: .at(.awaitingApproval))
            }
            let list = try await kubectl(["plugin", "list"], pluginPath: plugins)
            #expect(list.stdout.contains("\(plugins.path)/kubectl-ballast"))

            let status = try await kubectl(["ballast", "status", "-n", namespace], pluginPath: plugins)
            #expect(status.status == 0, "\(status.stderr)")
            let row = status.stdout.split(separator: "\n").map(String.init).first { $0.hasPrefix("rollback-web") }
            #expect(row.map(TableCells.of) == ["rollback-web", "AwaitingApproval", "rollback_deployment", "Deployment/web", row.map(TableCells.of)?[4] ?? "", "needs approval"])

            let json = try await kubectl(["ballast", "status", "-n", namespace, "-o", "json"], pluginPath: plugins)
            let report = try JSONDecoder.kubernetes().decode(StatusReport.self, from: Data(json.stdout.utf8))
            #expect(report.requests.map(\.name) == ["rollback-web"])

            let missing = try await kubectl(["ballast", "explain", "nope", "-n", namespace], pluginPath: plugins)
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("error: remediationrequest \(namespace)/nope not found in namespace \(namespace)"))

            let badInput = try await kubectl(["ballast", "history", "web", "-n", namespace], pluginPath: plugins)
            #expect(badInput.status == 1)
            #expect(badInput.stderr.contains("\"web\" is not kind/name"))

            let help = try await kubectl(["ballast", "stop", "--help"], pluginPath: plugins)
            #expect(help.stdout.contains("kubectl ballast stop --reason"))
        }
    }
}
