import ClusterTestSupport
import Foundation
import Testing
import Yams

/// `receiver.tls` in the chart: the certificate Secret and the client CA Secret are mounted
/// read-only where the operator's config says its files are, the default rendering has none of
/// it, a half-configured value is refused, and the result passes a server-side dry run.
@Suite struct ChartReceiverTLSTests {
    static let tlsValues = """
        receiver:
          tls: {enabled: true, secretName: ballast-receiver-tls, clientCASecretName: alertmanager-client-ca, clientCAKey: bundle.pem}
        """

    /// The pod spec, the manager container and the parsed config of a rendering.
    static func rendered(_ values: String?) async throws -> (pod: Node, container: Node, config: Node) {
        let (manifests, _) = try await ChartRenderer.manifests(values: values)
        let pod = try #require(try manifests.one("Deployment").at("spec", "template", "spec"))
        let container = try #require(pod.at("containers", 0))
        let text = try #require(try manifests.named("ConfigMap", "ballast-config").at("data", "config.yaml")?.string)
        return (pod, container, try #require(try Yams.compose(yaml: text)))
    }

    @Test func tlsMountsBothSecretsReadOnlyWhereTheConfigPoints() async throws {
        let (pod, container, config) = try await Self.rendered(Self.tlsValues)
        let tls = try #require(config.at("receiver", "tls"))
        #expect(tls["certificateFile"]?.string == "/etc/ballast/receiver-tls/tls.crt")
        #expect(tls["keyFile"]?.string == "/etc/ballast/receiver-tls/tls.key")
        #expect(tls["clientCAFile"]?.string == "/etc/ballast/receiver-client-ca/bundle.pem")
        #expect(config.at("receiver", "tokenFile")?.string == "/etc/ballast/receiver/token", "the bearer token still applies")

        let mounts = container["volumeMounts"]?.array() ?? []
        let volumes = pod["volumes"]?.array() ?? []
        for (file, secret) in [
            ("/etc/ballast/receiver-tls/tls.crt", "ballast-receiver-tls"), ("/etc/ballast/receiver-tls/tls.key", "ballast-receiver-tls"),
            ("/etc/ballast/receiver-client-ca/bundle.pem", "alertmanager-client-ca"),
        ] {
            let directory = (file as NSString).deletingLastPathComponent
            let mount = try #require(mounts.first { $0["mountPath"]?.string == directory }, "nothing mounted at \(directory)")
            #expect(mount["readOnly"]?.bool == true, "\(directory) is mounted read-only")
            let volume = try #require(volumes.first { $0["name"]?.string == mount["name"]?.string })
            #expect(volume.at("secret", "secretName")?.string == secret)
            let paths = (volume.at("secret", "items")?.array() ?? []).compactMap { $0["path"]?.string }
            #expect(paths.contains((file as NSString).lastPathComponent), "\(file) is an item of Secret \(secret): \(paths)")
        }
        let args = container["args"]?.strings ?? []
        #expect(args.contains("--receiver-addr=0.0.0.0:8082"), "the receiver keeps its own port; metrics and probes stay HTTP")
    }

    @Test func withoutAClientCAOnlyTheCertificateIsMounted() async throws {
        let (pod, _, config) = try await Self.rendered("receiver: {tls: {enabled: true, secretName: ballast-receiver-tls}}\n")
        #expect(config.at("receiver", "tls", "certificateFile")?.string == "/etc/ballast/receiver-tls/tls.crt")
        #expect(config.at("receiver", "tls", "clientCAFile") == nil)
        let names = (pod["volumes"]?.array() ?? []).compactMap { $0["name"]?.string }
        #expect(names.contains("receiver-tls") && !names.contains("receiver-client-ca"), "\(names)")
    }

    @Test func defaultsAndADisabledReceiverRenderNoTLS() async throws {
        for values in [nil, "receiver: {enabled: false, tls: {enabled: true, secretName: ballast-receiver-tls}}\n"] {
            let (pod, _, config) = try await Self.rendered(values)
            #expect(config.at("receiver", "tls") == nil)
            let names = (pod["volumes"]?.array() ?? []).compactMap { $0["name"]?.string }
            #expect(!names.contains("receiver-tls") && !names.contains("receiver-client-ca"), "\(names)")
        }
    }

    @Test func enabledWithoutASecretIsRefusedNamingTheField() async throws {
        let result = try await ChartRenderer.render(values: "receiver: {tls: {enabled: true}}\n")
        #expect(result.status != 0)
        #expect(result.stderr.contains("- receiver.tls.secretName"), "\(result.stderr)")
    }

    @Test func tlsRenderingPassesServerSideDryRun() async throws {
        let cluster = try LocalCluster.current()
        let namespace = try await cluster.makeNamespace("install-chart-tls")
        defer { cluster.deleteNamespace(namespace) }
        try await ClusterCRDs.ensure()
        let (manifests, yaml) = try await ChartRenderer.manifests(values: Self.tlsValues, namespace: namespace)
        let output = try await cluster.kubectlChecked(["apply", "--dry-run=server", "-n", namespace, "-f", "-"], input: yaml)
        let accepted = output.split(separator: "\n").filter { $0.hasSuffix("(server dry run)") }
        #expect(accepted.count == manifests.objects.count, "\(output)")
    }
}
