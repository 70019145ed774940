import ClusterTestSupport
import Foundation

/// The shipped `config/rbac` applied for real through a throw-away kustomize overlay that moves
/// it into a scenario's namespace and suffixes every name with it (so parallel tests' ClusterRoles
/// never collide), plus a kubeconfig that authenticates as its ServiceAccount with a token from
/// the TokenRequest API. ``remove()`` deletes the cluster-scoped objects and the files.
struct ShippedServiceAccount {
    let cluster: LocalCluster
    let namespace: String
    let directory: URL

    /// The ServiceAccount's name after the overlay's suffix.
    var name: String { "ballast-\(namespace)" }

    /// The kubeconfig authenticating as the ServiceAccount.
    var kubeconfig: String { directory.appendingPathComponent("serviceaccount.kubeconfig").path }

    /// Applies the overlay and writes the kubeconfig with a 10-minute token.
    init(cluster: LocalCluster, namespace: String) async throws {
        self.cluster = cluster
        self.namespace = namespace
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ballast-rbac-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let base = OperatorProcess.packageRoot.appendingPathComponent("config/rbac").standardizedFileURL.path
        let kustomization = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: \(namespace)
            nameSuffix: -\(namespace)
            resources:
            - \(Self.relative(from: directory.standardizedFileURL.path, to: base))
            """
        try kustomization.write(to: directory.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
        try await cluster.kubectlChecked(["apply", "-k", directory.path])
        let token = try await cluster.kubectlChecked(["create", "token", name, "-n", namespace, "--duration=10m"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let config = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster: {server: "\(cluster.apiServer)", certificate-authority: "\(cluster.caFile)"}
            contexts:
            - name: ballast
              context: {cluster: local, user: ballast, namespace: \(namespace)}
            current-context: ballast
            users:
            - name: ballast
              user: {token: "\(token)"}
            """
        try config.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
    }

    /// `kubectl auth can-i <arguments>` with the ServiceAccount's own token: true for "yes".
    func canI(_ arguments: [String]) async throws -> Bool {
        let result = try await cluster.kubectl(["auth", "can-i"] + arguments, kubeconfig: kubeconfig)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "yes"
    }

    /// Starts deleting the overlay's objects (the namespaced ones go with the scenario's
    /// namespace) without waiting, so it can run from a `defer`; the overlay's files stay for
    /// kubectl to read and go with the test run's temporary directory.
    func remove() {
        cluster.kubectlInBackground(["delete", "-k", directory.path, "--wait=false", "--ignore-not-found"])
    }

    /// `target` relative to directory `base` (kustomize wants relative resource paths).
    static func relative(from base: String, to target: String) -> String {
        let from = base.split(separator: "/")
        let to = target.split(separator: "/")
        let common = zip(from, to).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: from.count - common) + to.dropFirst(common).map(String.init)).joined(separator: "/")
    }
}
