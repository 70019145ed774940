/// How the Alertmanager receiver authenticates senders and where it puts requests
/// (`receiver:` in the file). Whether it listens at all is ``OperatorConfiguration/receiverAddress``.
public struct ReceiverSettings: Sendable, Hashable {
    /// The bearer-token file (a mounted Secret); the receiver re-reads it when it changes.
    public var tokenFile: String?
    /// The token as read at startup, trimmed; `nil` when ``tokenFile`` does not exist yet (an
    /// optional Secret not created yet: the receiver answers 503 until it appears).
    public var token: String?
    /// Serve the receiver over TLS, optionally requiring client certificates.
    public var tls: ReceiverTLSFiles?
    /// Where requests created from alerts go (default: the alert's `namespace` label, else the
    /// operator's namespace).
    public var requestNamespace: RequestNamespacePolicy
    /// Largest accepted webhook body in bytes (default 1 MiB).
    public var maxBodyBytes: Int

    /// Creates settings.
    public init(
        tokenFile: String? = nil, token: String? = nil, tls: ReceiverTLSFiles? = nil,
        requestNamespace: RequestNamespacePolicy, maxBodyBytes: Int = ReceiverLimits().maxBodyBytes
    ) {
        self.tokenFile = tokenFile
        self.token = token
        self.tls = tls
        self.requestNamespace = requestNamespace
        self.maxBodyBytes = maxBodyBytes
    }

    /// The receiver's configuration: these settings, the operator's namespace `scope`, and the
    /// receiver's other defaults.
    public func alertReceiverConfiguration(scope: NamespaceScope) -> AlertReceiver.Configuration {
        AlertReceiver.Configuration(
            namespacePolicy: requestNamespace, scope: scope, limits: ReceiverLimits(maxBodyBytes: maxBodyBytes))
    }
}

/// PEM files for serving the receiver over HTTPS (`receiver.tls:` in the file).
public struct ReceiverTLSFiles: Sendable, Hashable {
    /// The server certificate chain (PEM).
    public var certificateFile: String
    /// The server's private key (PEM).
    public var keyFile: String
    /// CA certificates (PEM) that client certificates must chain to; when set, a client without
    /// a valid certificate cannot complete the handshake (mutual TLS).
    public var clientCAFile: String?

    /// Creates the file set.
    public init(certificateFile: String, keyFile: String, clientCAFile: String? = nil) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.clientCAFile = clientCAFile
    }
}
