import Foundation

extension KubeConfiguration {
    /// The service-account directory every pod gets mounted.
    public static let defaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The configuration of a process running in a pod: `KUBERNETES_SERVICE_HOST`/`_PORT`,
    /// the service-account `token` (re-read as it rotates), `ca.crt` and `namespace`.
    /// - Parameters:
    ///   - environment: The process environment (injectable for tests).
    ///   - serviceAccountDirectory: Where the token, CA and namespace files are.
    /// - Throws: ``KubeConfigurationError`` naming the missing variable or unreadable file.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = defaultServiceAccountDirectory
    ) throws(KubeConfigurationError) -> KubeConfiguration {
        let source = "in-cluster"
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty else {
            throw KubeConfigurationError(file: source, field: "KUBERNETES_SERVICE_HOST", problem: "is not set: not running in a pod")
        }
        guard let port = environment["KUBERNETES_SERVICE_PORT"], let portNumber = Int(port), (1...65535).contains(portNumber) else {
            throw KubeConfigurationError(file: source, field: "KUBERNETES_SERVICE_PORT", problem: "is not set to a port number")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let tokenPath = "\(serviceAccountDirectory)/token"
        let caPath = "\(serviceAccountDirectory)/ca.crt"
        _ = try readFile(tokenPath, reportedIn: tokenPath, field: nil)
        let certificateAuthority = try readFile(caPath, reportedIn: caPath, field: nil)
        let namespaceBytes = try? readFile("\(serviceAccountDirectory)/namespace", reportedIn: source, field: nil)
        let namespace = namespaceBytes.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        return KubeConfiguration(
            server: "https://\(hostPart):\(portNumber)",
            authentication: .tokenFile(path: tokenPath),
            certificateAuthorityPEM: certificateAuthority,
            namespace: namespace.isEmpty ? "default" : namespace,
            source: source)
    }

    /// The configuration kubectl would use: the first file of `KUBECONFIG` that exists, else
    /// `~/.kube/config`, else the in-cluster service account.
    /// - Parameters:
    ///   - environment: The process environment (injectable for tests).
    ///   - context: The context to use instead of `current-context`.
    /// - Throws: ``KubeConfigurationError`` from the chosen source, or one that lists what was
    ///   tried when there is none.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, context: String? = nil
    ) throws(KubeConfigurationError) -> KubeConfiguration {
        let listed = (environment["KUBECONFIG"] ?? "").split(separator: ":").map(String.init)
        if let path = listed.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            return try load(kubeconfigPath: path, context: context)
        }
        if !listed.isEmpty {
            throw KubeConfigurationError(file: listed.joined(separator: ":"), field: "KUBECONFIG", problem: "none of the listed files exists")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let defaultPath = "\(home)/.kube/config"
        if FileManager.default.fileExists(atPath: defaultPath) {
            return try load(kubeconfigPath: defaultPath, context: context)
        }
        if environment["KUBERNETES_SERVICE_HOST"] != nil {
            return try inCluster(environment: environment)
        }
        throw KubeConfigurationError(
            file: defaultPath, field: nil,
            problem: "no Kubernetes configuration found: KUBECONFIG is not set, this file does not exist and KUBERNETES_SERVICE_HOST is not set")
    }
}
