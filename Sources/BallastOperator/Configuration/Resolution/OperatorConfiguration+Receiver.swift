extension OperatorConfiguration {
    /// The value of `--receiver-addr` (or its variable or key) that turns the receiver off.
    public static let receiverOff = "off"

    /// Resolves ``receiverAddress`` and ``receiver``.
    ///
    /// The receiver needs a bearer token. With no token file configured it is turned off with a
    /// warning when its address is the default, and the configuration is refused when an address
    /// was asked for explicitly. A token file that does not exist yet (an optional Secret) is
    /// accepted with a warning: the receiver answers 503 until it appears. An empty or unreadable
    /// token file is an error. With TLS, the receiver must have its own listener, so metrics and
    /// probes stay plain HTTP.
    static func resolveReceiver(
        into configuration: inout OperatorConfiguration, layers: SettingLayers, files: FileAccess
    ) throws(ConfigurationError) {
        let section = layers.file.receiver
        configuration.receiver = try receiverSettings(section, layers: layers, operatorNamespace: configuration.operatorNamespace)
        let requested = layers.value(
            flag: \.receiverAddress, "--receiver-addr", environment: ["BALLAST_RECEIVER_ADDR"], file: \.receiver.addr,
            "receiver.addr")
        if section.enabled == false || requested.map({ $0.text.isEmpty || $0.text == receiverOff }) == true {
            configuration.receiverAddress = nil
            return
        }
        if let requested {
            configuration.receiverAddress = try SettingParser.address(requested)
        }
        let tokenFile = layers.value(
            flag: \.receiverTokenFile, "--receiver-token-file", environment: ["BALLAST_RECEIVER_TOKEN_FILE"],
            file: \.receiver.tokenFile, "receiver.tokenFile")
        guard let tokenFile else {
            if let requested {
                throw .conflict(
                    "\(requested.origin) asks for the receiver, but no bearer token file is configured: set "
                        + "--receiver-token-file, $BALLAST_RECEIVER_TOKEN_FILE or receiver.tokenFile, or turn the receiver off "
                        + "with --receiver-addr=off")
            }
            configuration.receiverAddress = nil
            configuration.warnings.append(
                "the Alertmanager receiver is off: no bearer token file is configured (receiver.tokenFile)")
            return
        }
        try checkScope(section, into: &configuration, layers: layers)
        configuration.receiver.tokenFile = tokenFile.text
        configuration.receiver.token = try files.trimmedTextIfPresent(of: tokenFile.text, role: "receiver token file")
        if configuration.receiver.token == nil {
            configuration.warnings.append(
                "receiver token file \(tokenFile.text) does not exist yet; the receiver answers 503 until it does")
        }
        if let tls = configuration.receiver.tls, let address = configuration.receiverAddress {
            try checkTLS(tls, receiverAddress: address, configuration: configuration, files: files)
        }
    }

    private static func receiverSettings(
        _ section: ConfigurationFile.Receiver, layers: SettingLayers, operatorNamespace: String
    ) throws(ConfigurationError) -> ReceiverSettings {
        let file = layers.file
        let namespace = try section.namespace.map { text throws(ConfigurationError) in
            try SettingParser.dnsLabel(LocatedValue(text: text, origin: file.origin("receiver.namespace")))
        } ?? operatorNamespace
        let policy: RequestNamespacePolicy
        switch section.requestNamespace ?? "alert" {
        case "alert": policy = .alertNamespace(fallback: namespace)
        case "fixed": policy = .fixed(namespace)
        case let other:
            throw .invalidValue(
                origin: file.origin("receiver.requestNamespace"), value: other,
                problem: "expected alert (the alert's namespace label, else receiver.namespace) or fixed (always receiver.namespace)")
        }
        var settings = ReceiverSettings(tls: section.tls, requestNamespace: policy)
        if let bytes = section.maxBodyBytes {
            guard maxBodyRange.contains(bytes) else {
                throw .invalidValue(
                    origin: file.origin("receiver.maxBodyBytes"), value: String(bytes),
                    problem: "must be from \(maxBodyRange.lowerBound) to \(maxBodyRange.upperBound)")
            }
            settings.maxBodyBytes = bytes
        }
        return settings
    }

    /// Keeps the receiver's requests inside the operator's namespaces (`--namespace`): a request
    /// outside them is never reconciled, so the receiver does not create it. An explicitly
    /// configured `receiver.namespace` outside them is an error, and so is the operator's
    /// namespace with `requestNamespace: fixed` (every alert would be dropped). With
    /// `requestNamespace: alert` the defaulted fallback outside them only draws a warning: alerts
    /// with a `namespace` label in scope still work.
    private static func checkScope(
        _ section: ConfigurationFile.Receiver, into configuration: inout OperatorConfiguration, layers: SettingLayers
    ) throws(ConfigurationError) {
        let namespace: String
        let fixed: Bool
        switch configuration.receiver.requestNamespace {
        case .fixed(let value): (namespace, fixed) = (value, true)
        case .alertNamespace(let fallback): (namespace, fixed) = (fallback, false)
        }
        guard !NamespaceScope(configuration.namespaces).contains(namespace) else { return }
        let scope = configuration.namespaces.joined(separator: ", ")
        if section.namespace != nil {
            throw .invalidValue(
                origin: layers.file.origin("receiver.namespace"), value: namespace,
                problem: "outside the operator's namespaces (\(scope)); requests created there would never be reconciled")
        }
        if fixed {
            throw .conflict(
                "receiver.requestNamespace is fixed, but its namespace \(namespace) (the operator's namespace, the default "
                    + "of receiver.namespace) is outside the operator's namespaces (\(scope)); set receiver.namespace to one of them")
        }
        configuration.warnings.append(
            "receiver: alerts without a namespace label would go to \(namespace), outside the operator's namespaces (\(scope)), "
                + "and create no request; set receiver.namespace to one of them")
    }

    /// Accepted receiver body limits: 1 KiB to 64 MiB.
    static let maxBodyRange = 1024...(64 << 20)

    private static func checkTLS(
        _ tls: ReceiverTLSFiles, receiverAddress: ListenAddress, configuration: OperatorConfiguration, files: FileAccess
    ) throws(ConfigurationError) {
        for (other, name) in [(configuration.metricsAddress, "metrics"), (configuration.probeAddress, "probe")]
        where other == receiverAddress {
            throw .conflict(
                "receiver.tls: the receiver shares \(receiverAddress) with the \(name) endpoint; give it its own address "
                    + "so that metrics and probes stay plain HTTP")
        }
        let roles = [
            (tls.certificateFile, "receiver TLS certificate file"), (tls.keyFile, "receiver TLS key file"),
        ] + (tls.clientCAFile.map { [($0, "receiver client CA file")] } ?? [])
        for (path, role) in roles where try files.contents(of: path, role: role).isEmpty {
            throw .emptyFile(role: role, path: path)
        }
    }
}
