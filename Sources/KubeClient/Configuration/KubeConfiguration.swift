import Foundation

/// Everything the client needs to reach and authenticate to one API server.
///
/// Built from a kubeconfig file (``load(kubeconfigPath:context:)``), from a pod's service
/// account (``inCluster(environment:serviceAccountDirectory:)``) or from the environment the
/// way kubectl does (``fromEnvironment(_:)``). Certificates and keys are held as PEM bytes that
/// were already parsed once while loading, so a configuration that exists is usable.
public struct KubeConfiguration: Sendable, Hashable {
    /// How requests authenticate.
    public enum Authentication: Sendable, Hashable {
        /// No credentials (anonymous).
        case none
        /// A fixed bearer token.
        case bearerToken(String)
        /// A bearer token read from a file and re-read when it may have rotated (at most every
        /// 60 s, and once more after a 401) — how projected service-account tokens work.
        case tokenFile(path: String)
        /// A client certificate chain and its private key, both PEM.
        case clientCertificate(certificateChainPEM: [UInt8], privateKeyPEM: [UInt8])
    }

    /// The API server's base URL, e.g. `https://127.0.0.1:6443` (no trailing slash).
    public var server: String
    /// How requests authenticate.
    public var authentication: Authentication
    /// PEM certificates trusted to sign the API server's serving certificate; `nil` uses the
    /// system trust store.
    public var certificateAuthorityPEM: [UInt8]?
    /// Skip verification of the server's certificate (kubeconfig `insecure-skip-tls-verify`).
    public var insecureSkipTLSVerify: Bool
    /// The default namespace (kubeconfig context namespace, or the service account's).
    public var namespace: String
    /// Where this configuration came from (a kubeconfig path or `in-cluster`), for messages.
    public var source: String
    /// Deadline for a unary request's response head; watches are governed by their own
    /// `timeoutSeconds` instead.
    public var requestTimeout: Duration

    /// Creates a configuration from explicit values.
    public init(
        server: String, authentication: Authentication = .none,
        certificateAuthorityPEM: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false,
        namespace: String = "default", source: String = "explicit",
        requestTimeout: Duration = .seconds(30)
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.authentication = authentication
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.namespace = namespace
        self.source = source
        self.requestTimeout = requestTimeout
    }
}

/// A kubeconfig or in-cluster configuration that cannot be used, naming the file and the
/// field (in kubeconfig syntax, e.g. `users[0].user.client-key`) and what is wrong with it.
public struct KubeConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kubeconfig (or service-account file) the problem is in.
    public var file: String
    /// The field path, e.g. `contexts[1].context.cluster`; `nil` for whole-file problems.
    public var field: String?
    /// What is wrong, and where possible what to do about it.
    public var problem: String

    /// Creates an error about `field` of `file`.
    public init(file: String, field: String?, problem: String) {
        self.file = file
        self.field = field
        self.problem = problem
    }

    public var description: String {
        if let field { return "\(file): \(field): \(problem)" }
        return "\(file): \(problem)"
    }
}
