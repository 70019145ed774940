import Foundation
import Yams

extension ConfigurationFile {
    /// The top-level keys, in documentation order.
    static let topLevelKeys = [
        "kubeconfig", "context", "namespaces", "metricsAddr", "probeAddr", "workers", "rulesFile", "log",
        "leaderElection", "receiver", "llm", "remediation",
    ]
    static let logKeys = ["level", "format"]
    static let leaderElectionKeys = [
        "enabled", "leaseName", "leaseNamespace", "identity", "leaseDuration", "renewDeadline", "retryPeriod",
    ]
    static let receiverKeys = ["enabled", "addr", "tokenFile", "requestNamespace", "namespace", "maxBodyBytes", "tls"]
    static let receiverTLSKeys = ["certificateFile", "keyFile", "clientCAFile"]

    /// Every key path the file accepts (`receiver.tls.keyFile`, `llm.providers[].model`), for
    /// the documentation check.
    static var allKeyPaths: [String] {
        topLevelKeys + logKeys.map { "log.\($0)" } + leaderElectionKeys.map { "leaderElection.\($0)" }
            + receiverKeys.map { "receiver.\($0)" } + receiverTLSKeys.map { "receiver.tls.\($0)" } + ["llm.providers"]
            + ProviderSection.keys.map { "llm.providers[].\($0)" } + RemediationSection.keys.map { "remediation.\($0)" }
    }

    /// Parses the text of the file at `path`.
    /// - Throws: ``ConfigurationError`` for invalid YAML, unknown keys (with a suggestion) and
    ///   values of the wrong type, naming the key path.
    init(parsing text: String, path: String) throws(ConfigurationError) {
        self.init(path: path)
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .invalidYAML(path: path, reason: "\(error)".replacingOccurrences(of: "\n", with: " "))
        }
        guard let root, root.null == nil else { return }  // an empty file configures nothing
        let top = try StrictMapping(root, file: path, path: "")
        try top.rejectUnknownKeys(allowed: Self.topLevelKeys)
        kubeconfig = try top.string("kubeconfig")
        context = try top.string("context")
        namespaces = try top.strings("namespaces")
        metricsAddr = try top.string("metricsAddr")
        probeAddr = try top.string("probeAddr")
        workers = try top.int("workers")
        rulesFile = try top.string("rulesFile")
        if let log = try top.mapping("log") {
            try log.rejectUnknownKeys(allowed: Self.logKeys)
            logLevel = try log.string("level")
            logFormat = try log.string("format")
        }
        if let election = try top.mapping("leaderElection") {
            leaderElection = try Self.leaderElection(election)
        }
        if let receiver = try top.mapping("receiver") {
            self.receiver = try Self.receiver(receiver)
        }
        if let llm = try top.mapping("llm") {
            try llm.rejectUnknownKeys(allowed: ["providers"])
            providers = try ProviderSection.providers(try llm.mappings("providers") ?? [])
        }
        if let remediation = try top.mapping("remediation") {
            lifecycle = try RemediationSection.settings(remediation)
        }
    }

    private static func leaderElection(_ section: StrictMapping) throws(ConfigurationError) -> LeaderElection {
        try section.rejectUnknownKeys(allowed: leaderElectionKeys)
        return LeaderElection(
            enabled: try section.bool("enabled"), leaseName: try section.string("leaseName"),
            leaseNamespace: try section.string("leaseNamespace"), identity: try section.string("identity"),
            leaseDuration: try section.positiveDuration("leaseDuration"),
            renewDeadline: try section.positiveDuration("renewDeadline"), retryPeriod: try section.positiveDuration("retryPeriod"))
    }

    private static func receiver(_ section: StrictMapping) throws(ConfigurationError) -> Receiver {
        try section.rejectUnknownKeys(allowed: receiverKeys)
        var receiver = Receiver(
            enabled: try section.bool("enabled"), addr: try section.string("addr"),
            tokenFile: try section.string("tokenFile"), requestNamespace: try section.string("requestNamespace"),
            namespace: try section.string("namespace"), maxBodyBytes: try section.int("maxBodyBytes"))
        if let tls = try section.mapping("tls") {
            try tls.rejectUnknownKeys(allowed: receiverTLSKeys)
            guard let certificate = try tls.string("certificateFile"), let key = try tls.string("keyFile") else {
                throw .conflict(
                    "config file \(section.file): receiver.tls: certificateFile and keyFile are both required to serve TLS")
            }
            receiver.tls = ReceiverTLSFiles(certificateFile: certificate, keyFile: key, clientCAFile: try tls.string("clientCAFile"))
        }
        return receiver
    }
}
