import ClusterTestSupport
import Foundation
import KubeClient
import KubeTypes
import Testing

@Suite("Authentication and authorization")
struct AuthenticationTests {
    @Test func lowPrivilegeUserIsForbidden() async throws {
        try await withTestClient(kubeconfig: { $0.lowPrivilegeKubeconfig }) { client, cluster, namespace in
            do throws(KubeError) {
                _ = try await client.list(Pod.self, .pods, namespace: namespace)
                Issue.record("the low-privilege user could list pods")
            } catch {
                #expect(error.code == .forbidden)
                #expect(error.httpStatus == 403)
                #expect(error.message.contains("ballast-lowpriv"))
                #expect(error.isAPIError)
            }
            let create = await errorCode {
                try await client.create(ConfigMap(metadata: ObjectMeta(name: "x", namespace: namespace)), .configMaps)
            }
            #expect(create == .forbidden)
            let listed = try await cluster.kubectlChecked(["get", "configmaps", "-n", namespace, "-o", "name"])
            #expect(!listed.contains("configmap/x"))
        }
    }

    @Test func clientCertificateAuthenticates() async throws {
        try await withTestClient(kubeconfig: { $0.certificateKubeconfig }) { client, cluster, namespace in
            guard case .clientCertificate = client.configuration.authentication else {
                Issue.record("cert.kubeconfig did not load as client-certificate authentication")
                return
            }
            try await client.create(ConfigMap(metadata: ObjectMeta(name: "by-cert", namespace: namespace), data: ["a": "b"]), .configMaps)
            let stored = try await cluster.kubectlChecked(["get", "configmap", "by-cert", "-n", namespace, "-o", "jsonpath={.data.a}"])
            #expect(stored == "b")
        }
    }

    @Test func untrustedServerCertificateIsATransportError() async throws {
        let cluster = try LocalCluster.current()
        var configuration = try KubeConfiguration.load(kubeconfigPath: cluster.adminKubeconfig)
        configuration.certificateAuthorityPEM = Array(TestPEM.certificate.utf8)
        let client = try KubeClient(configuration: configuration)
        let code = await errorCode { _ = try await client.serverVersion() }
        try await client.shutdown()
        #expect(code == .transport)
    }

    @Test func insecureSkipVerifyAcceptsTheServerWithoutItsCA() async throws {
        let cluster = try LocalCluster.current()
        var configuration = try KubeConfiguration.load(kubeconfigPath: cluster.adminKubeconfig)
        configuration.certificateAuthorityPEM = nil
        configuration.insecureSkipTLSVerify = true
        let client = try KubeClient(configuration: configuration)
        let version = try? await client.serverVersion()
        try await client.shutdown()
        #expect(version?.minorNumber == 20)
    }

    @Test func wrongTokenIsUnauthorized() async throws {
        let cluster = try LocalCluster.current()
        var configuration = try KubeConfiguration.load(kubeconfigPath: cluster.adminKubeconfig)
        configuration.authentication = .bearerToken("not-a-valid-token")
        let client = try KubeClient(configuration: configuration)
        let code = await errorCode { _ = try await client.list(Pod.self, .pods, namespace: "default") }
        try await client.shutdown()
        #expect(code == .unauthorized)
    }

    @Test func rotatedTokenFileIsPickedUpAfterA401() async throws {
        let cluster = try LocalCluster.current()
        let directory = try TemporaryDirectory()
        let tokenFile = try directory.write("token", "stale-token")
        var configuration = try KubeConfiguration.load(kubeconfigPath: cluster.adminKubeconfig)
        configuration.authentication = .tokenFile(path: tokenFile)
        let client = try KubeClient(configuration: configuration)
        let before = await errorCode { _ = try await client.list(Pod.self, .pods, namespace: "default") }
        let adminToken = try String(contentsOfFile: "\(cluster.directory)/admin.token", encoding: .utf8)
        try directory.write("token", adminToken)
        let after = await errorCode { _ = try await client.list(Pod.self, .pods, namespace: "default") }
        try await client.shutdown()
        #expect(before == .unauthorized)
        #expect(after == nil)
    }

    @Test func malformedKubeconfigFailsWithFileAndField() throws {
        let cluster = try LocalCluster.current()
        let directory = try TemporaryDirectory()
        let original = try String(contentsOfFile: cluster.certificateKubeconfig, encoding: .utf8)
        let broken = original.replacingOccurrences(of: "client-key: ", with: "client-key: /nonexistent")
        let path = try directory.write("broken.kubeconfig", broken)
        #expect {
            try KubeConfiguration.load(kubeconfigPath: path)
        } throws: { error in
            let text = (error as? KubeConfigurationError)?.description ?? ""
            return text.hasPrefix("\(path): users[0].user.client-key: cannot read '/nonexistent")
        }
    }
}
