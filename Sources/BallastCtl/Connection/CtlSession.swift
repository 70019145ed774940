import Foundation
import KubeClient

/// A connection to the cluster for one verb: the client, the namespace the verb works in and
/// the identity it records.
public struct CtlSession: Sendable {
    /// The field manager of every write the plugin makes (visible in `managedFields` and the
    /// API server's audit log).
    public static let fieldManager = "kubectl-ballast"

    /// The API client.
    public let client: KubeClient
    /// `-n`, else the kubeconfig context's namespace, else `default`.
    public let namespace: String
    /// Whether the namespace was given with `-n` (verbs on cluster-scoped targets use another
    /// default when it was not).
    public let namespaceIsExplicit: Bool
    /// Who is acting: `--as-user`, else the kubeconfig context's user name, else `$USER`.
    public let identity: String

    /// Creates a session from explicit parts (tests and embedding).
    public init(client: KubeClient, namespace: String, namespaceIsExplicit: Bool = true, identity: String) {
        self.client = client
        self.namespace = namespace
        self.namespaceIsExplicit = namespaceIsExplicit
        self.identity = identity
    }

    /// Loads the configuration the way kubectl does and opens a client.
    /// - Parameters:
    ///   - options: The common flags.
    ///   - environment: The process environment (`KUBECONFIG`, `HOME`, `USER`).
    /// - Throws: ``CtlError`` (`.usage`) naming the kubeconfig file and field that is wrong.
    public static func open(
        _ options: ConnectionOptions, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CtlError) -> CtlSession {
        let configuration: KubeConfiguration
        do {
            if let path = options.kubeconfig {
                configuration = try KubeConfiguration.load(kubeconfigPath: path, context: options.context)
            } else {
                configuration = try KubeConfiguration.fromEnvironment(environment, context: options.context)
            }
        } catch {
            throw CtlError(.usage, "cannot use the Kubernetes configuration: \(error)")
        }
        let client: KubeClient
        do {
            client = try KubeClient(configuration: configuration)
        } catch {
            throw CtlError(.usage, "cannot use the Kubernetes configuration: \(error)")
        }
        let identity = options.asUser
            ?? KubeconfigIdentity.userName(kubeconfigPath: configuration.source, context: options.context)
            ?? environment["USER"]
            ?? "unknown"
        return CtlSession(
            client: client, namespace: options.namespace ?? configuration.namespace,
            namespaceIsExplicit: options.namespace != nil, identity: identity)
    }

    /// Closes the client's connections.
    public func close() async {
        try? await client.shutdown()
    }
}
