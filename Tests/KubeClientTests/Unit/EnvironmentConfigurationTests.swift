import Foundation
import Testing
@testable import KubeClient

@Suite("In-cluster and environment configuration")
struct EnvironmentConfigurationTests {
    @Test func inClusterReadsServiceAccountFiles() throws {
        let directory = try TemporaryDirectory()
        try directory.write("token", "sa-token")
        try directory.write("ca.crt", TestPEM.certificate)
        try directory.write("namespace", "ballast-system\n")
        let config = try KubeConfiguration.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
            serviceAccountDirectory: directory.path)
        #expect(config.server == "https://10.96.0.1:443")
        #expect(config.authentication == .tokenFile(path: "\(directory.path)/token"))
        #expect(config.namespace == "ballast-system")
        #expect(config.certificateAuthorityPEM == Array(TestPEM.certificate.utf8))
    }

    @Test func inClusterBracketsIPv6Hosts() throws {
        let directory = try TemporaryDirectory()
        try directory.write("token", "t")
        try directory.write("ca.crt", TestPEM.certificate)
        let config = try KubeConfiguration.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"],
            serviceAccountDirectory: directory.path)
        #expect(config.server == "https://[fd00::1]:6443")
        #expect(config.namespace == "default")
    }

    @Test(arguments: [
        ([String: String](), "in-cluster: KUBERNETES_SERVICE_HOST: is not set"),
        (["KUBERNETES_SERVICE_HOST": "10.0.0.1"], "in-cluster: KUBERNETES_SERVICE_PORT: is not set to a port number"),
        (["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"], "/nonexistent-sa/token: cannot read the file"),
    ])
    func inClusterErrorsNameWhatIsMissing(environment: [String: String], expected: String) {
        #expect {
            try KubeConfiguration.inCluster(environment: environment, serviceAccountDirectory: "/nonexistent-sa")
        } throws: { error in
            (error as? KubeConfigurationError)?.description.hasPrefix(expected) ?? false
        }
    }

    @Test func environmentPrefersTheFirstExistingKubeconfig() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("config", KubeconfigParsingTests.kubeconfig(user: "    token: from-env"))
        let config = try KubeConfiguration.fromEnvironment(["KUBECONFIG": "/nonexistent/a:\(path)", "HOME": directory.path])
        #expect(config.authentication == .bearerToken("from-env"))
        #expect(config.source == path)
    }

    @Test func environmentWithNothingConfiguredSaysWhatWasTried() throws {
        let directory = try TemporaryDirectory()
        #expect {
            try KubeConfiguration.fromEnvironment(["HOME": directory.path])
        } throws: { error in
            guard let error = error as? KubeConfigurationError else { return false }
            return error.file == "\(directory.path)/.kube/config" && error.problem.contains("KUBERNETES_SERVICE_HOST is not set")
        }
    }

    @Test func tokenFileIsCachedThenReReadAfterInvalidation() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("token", "first\n")
        let source = TokenSource(.tokenFile(path: path))
        let start = ContinuousClock.now
        #expect(try source.token(now: start) == "first")
        try directory.write("token", "second")
        #expect(try source.token(now: start + .seconds(59)) == "first")
        #expect(try source.token(now: start + .seconds(61)) == "second")
        try directory.write("token", "third")
        source.invalidate()
        #expect(try source.token(now: start + .seconds(62)) == "third")
        #expect(source.canRefresh)
        #expect(TokenSource(.bearerToken("x")).canRefresh == false)
    }
}
