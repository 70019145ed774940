import Foundation
import Testing
@testable import KubeClient

@Suite("Kubeconfig parsing")
struct KubeconfigParsingTests {
    static func kubeconfig(user: String, cluster: String = "    server: https://10.0.0.1:6443\n", currentContext: String = "dev") -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: \(currentContext)
        clusters:
        - name: dev-cluster
          cluster:
        \(cluster)
        contexts:
        - name: dev
          context: {cluster: dev-cluster, user: dev-user, namespace: team-a}
        - name: other
          context: {cluster: dev-cluster, user: dev-user}
        users:
        - name: dev-user
          user:
        \(user)
        """
    }

    @Test func tokenUserResolvesCurrentContext() throws {
        let yaml = Self.kubeconfig(user: "    token: abc123")
        let config = try KubeConfiguration.parse(yaml: yaml, path: "/etc/kube/config")
        #expect(config.server == "https://10.0.0.1:6443")
        #expect(config.authentication == .bearerToken("abc123"))
        #expect(config.namespace == "team-a")
        #expect(config.source == "/etc/kube/config")
        #expect(config.insecureSkipTLSVerify == false)
    }

    @Test func namedContextOverridesCurrentContextAndDefaultsNamespace() throws {
        let yaml = Self.kubeconfig(user: "    token: abc123")
        let config = try KubeConfiguration.parse(yaml: yaml, path: "/k", context: "other")
        #expect(config.namespace == "default")
    }

    @Test func embeddedClientCertificateAndCAAreDecoded() throws {
        let yaml = Self.kubeconfig(
            user: "    client-certificate-data: \(TestPEM.certificateBase64)\n    client-key-data: \(TestPEM.privateKeyBase64)",
            cluster: "    server: https://10.0.0.1:6443\n    certificate-authority-data: \(TestPEM.certificateBase64)\n    insecure-skip-tls-verify: true")
        let config = try KubeConfiguration.parse(yaml: yaml, path: "/k")
        #expect(config.certificateAuthorityPEM == Array(TestPEM.certificate.utf8))
        #expect(config.insecureSkipTLSVerify)
        guard case .clientCertificate(let chain, let key) = config.authentication else {
            Issue.record("expected client-certificate authentication, got \(config.authentication)")
            return
        }
        #expect(chain == Array(TestPEM.certificate.utf8))
        #expect(key == Array(TestPEM.privateKey.utf8))
    }

    @Test func relativeFilesResolveAgainstTheKubeconfigDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write("ca.crt", TestPEM.certificate)
        try directory.write("client.crt", TestPEM.certificate)
        try directory.write("client.key", TestPEM.privateKey)
        try directory.write("token", "file-token\n")
        let path = try directory.write("config", Self.kubeconfig(
            user: "    client-certificate: client.crt\n    client-key: client.key",
            cluster: "    server: https://10.0.0.1:6443\n    certificate-authority: ca.crt"))
        let config = try KubeConfiguration.load(kubeconfigPath: path)
        #expect(config.certificateAuthorityPEM == Array(TestPEM.certificate.utf8))
        guard case .clientCertificate = config.authentication else {
            Issue.record("expected client-certificate authentication")
            return
        }
        let tokenPath = try directory.write("config2", Self.kubeconfig(user: "    tokenFile: token"))
        let tokenConfig = try KubeConfiguration.load(kubeconfigPath: tokenPath)
        #expect(tokenConfig.authentication == .tokenFile(path: "\(directory.path)/token"))
    }

    struct MalformedCase: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var context: String?
        var expected: String
        var testDescription: String { name }
    }

    static let malformedCases: [MalformedCase] = [
        MalformedCase(
            name: "client key file missing",
            yaml: kubeconfig(user: "    client-certificate-data: \(TestPEM.certificateBase64)\n    client-key: /nonexistent/client.key"),
            expected: "/k: users[0].user.client-key: cannot read '/nonexistent/client.key'"),
        MalformedCase(
            name: "certificate without key",
            yaml: kubeconfig(user: "    client-certificate-data: \(TestPEM.certificateBase64)"),
            expected: "/k: users[0].user.client-key: is missing: client-certificate needs client-key or client-key-data"),
        MalformedCase(
            name: "key that is not PEM",
            yaml: kubeconfig(user: "    client-certificate-data: \(TestPEM.certificateBase64)\n    client-key-data: \(Data("garbage".utf8).base64EncodedString())"),
            expected: "/k: users[0].user.client-key-data: is not a PEM private key"),
        MalformedCase(
            name: "CA data that is not base64",
            yaml: kubeconfig(user: "    token: t", cluster: "    server: https://x\n    certificate-authority-data: '%%%'"),
            expected: "/k: clusters[0].cluster.certificate-authority-data: is not valid base64"),
        MalformedCase(
            name: "CA that is not a certificate",
            yaml: kubeconfig(user: "    token: t", cluster: "    server: https://x\n    certificate-authority-data: \(TestPEM.privateKeyBase64)"),
            expected: "/k: clusters[0].cluster.certificate-authority-data: "),
        MalformedCase(
            name: "server missing",
            yaml: kubeconfig(user: "    token: t", cluster: "    insecure-skip-tls-verify: true"),
            expected: "/k: clusters[0].cluster.server: is missing"),
        MalformedCase(
            name: "server not a URL",
            yaml: kubeconfig(user: "    token: t", cluster: "    server: 10.0.0.1:6443"),
            expected: "/k: clusters[0].cluster.server: '10.0.0.1:6443' is not an http(s) URL"),
        MalformedCase(
            name: "unknown current context",
            yaml: kubeconfig(user: "    token: t", currentContext: "prod"),
            expected: "/k: current-context: there is no context named 'prod' (contexts: dev, other)"),
        MalformedCase(
            name: "unknown requested context",
            yaml: kubeconfig(user: "    token: t"), context: "prod",
            expected: "/k: contexts: there is no context named 'prod' (contexts: dev, other)"),
        MalformedCase(
            name: "exec plugin",
            yaml: kubeconfig(user: "    exec: {command: aws}"),
            expected: "/k: users[0].user.exec: exec credential plugins are not supported"),
        MalformedCase(
            name: "wrong type",
            yaml: kubeconfig(user: "    token: t", cluster: "    server: https://x\n    insecure-skip-tls-verify: [1]"),
            expected: "/k: clusters[0].cluster.insecure-skip-tls-verify: has the wrong type (expected a single value)"),
        MalformedCase(
            name: "users not a list",
            yaml: "current-context: a\nusers: {a: b}\n",
            expected: "/k: users: has the wrong type (expected a list)"),
        MalformedCase(
            name: "context without cluster field",
            yaml: "current-context: a\ncontexts:\n- name: a\n  context: {user: u}\n",
            expected: "/k: contexts[0].context.cluster: is missing"),
        MalformedCase(
            name: "context naming a missing user",
            yaml: "current-context: a\nclusters:\n- name: c\n  cluster: {server: 'https://x'}\ncontexts:\n- name: a\n  context: {cluster: c, user: ghost}\n",
            expected: "/k: contexts[0].context.user: names user 'ghost', which is not in users (none defined)"),
        MalformedCase(
            name: "not YAML",
            yaml: "clusters: [unclosed",
            expected: "/k: "),
        MalformedCase(
            name: "empty file",
            yaml: "  \n",
            expected: "/k: the file is empty"),
    ]

    @Test(arguments: malformedCases)
    func malformedKubeconfigNamesFileAndField(_ testCase: MalformedCase) {
        #expect {
            try KubeConfiguration.parse(yaml: testCase.yaml, path: "/k", context: testCase.context)
        } throws: { error in
            guard let error = error as? KubeConfigurationError else { return false }
            return error.description.hasPrefix(testCase.expected)
        }
    }

    @Test func unreadableKubeconfigNamesTheFile() {
        #expect {
            try KubeConfiguration.load(kubeconfigPath: "/nonexistent/kubeconfig")
        } throws: { error in
            (error as? KubeConfigurationError)?.description.hasPrefix("/nonexistent/kubeconfig: cannot read the file") ?? false
        }
    }
}
