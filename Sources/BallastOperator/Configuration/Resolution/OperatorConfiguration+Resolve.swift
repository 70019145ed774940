import Foundation
import Logging

extension OperatorConfiguration {
    /// The environment variable the Deployment sets to the pod's namespace (downward API).
    public static let podNamespaceVariable = "BALLAST_POD_NAMESPACE"

    /// Resolves the configuration of `ballast run`: each setting from its flag, else its
    /// environment variable, else the configuration file, else its default; then checks the
    /// result as a whole. Pure apart from `readFile`.
    ///
    /// - Parameters:
    ///   - flags: The command-line flags as given.
    ///   - environment: The process environment (`BALLAST_*`, `KUBECONFIG`).
    ///   - readFile: Reads a whole file (the configuration file, the receiver token, and to check
    ///     that the rules and TLS files are readable); a ``FileReadError`` saying the file is
    ///     missing is how an optional, not yet created token Secret is recognised.
    ///   - defaultIdentity: This process's leader-election identity unless the file sets one.
    /// - Returns: The configuration, with ``warnings`` for settings that were dropped.
    /// - Throws: The first ``ConfigurationError`` found, naming its flag, variable, key or file.
    public static func resolve(
        flags: RunFlags, environment: [String: String], readFile: @escaping (String) throws -> Data,
        defaultIdentity: String = processIdentity()
    ) throws(ConfigurationError) -> OperatorConfiguration {
        let files = FileAccess(read: readFile)
        let file = try configurationFile(flags: flags, environment: environment, files: files)
        let layers = SettingLayers(flags: flags, environment: environment, file: file)
        var operatorNamespace = defaultOperatorNamespace
        if let value = layers.environmentValue([podNamespaceVariable]) {
            operatorNamespace = try SettingParser.dnsLabel(value)
        }
        var configuration = defaults(operatorNamespace: operatorNamespace, identity: defaultIdentity)

        configuration.kubeconfig = flags.kubeconfig
            ?? layers.environmentValue(["BALLAST_KUBECONFIG"])?.text
            ?? layers.environmentValue(["KUBECONFIG"]).flatMap(firstListedFile)
            ?? file.kubeconfig
        configuration.context = layers.value(
            flag: \.context, "--context", environment: ["BALLAST_CONTEXT"], file: \.context, "context")?.text
        configuration.namespaces = try namespaces(layers)
        if let value = layers.value(
            flag: \.metricsAddress, "--metrics-addr", environment: ["BALLAST_METRICS_ADDR"], file: \.metricsAddr, "metricsAddr")
        {
            configuration.metricsAddress = try SettingParser.address(value)
        }
        if let value = layers.value(
            flag: \.probeAddress, "--probe-addr", environment: ["BALLAST_PROBE_ADDR"], file: \.probeAddr, "probeAddr")
        {
            configuration.probeAddress = try SettingParser.address(value)
        }
        configuration.leaderElection = try leaderElection(layers, defaults: configuration.leaderElection)
        try resolveReceiver(into: &configuration, layers: layers, files: files)
        configuration.llmProviders = file.providers
        configuration.lifecycle = file.lifecycle
        configuration.rulesFile = try layers.value(
            flag: \.rulesFile, "--rules", environment: ["BALLAST_RULES"], file: \.rulesFile, "rulesFile"
        ).map { value throws(ConfigurationError) in
            _ = try files.contents(of: value.text, role: "rules file")
            return value.text
        }
        configuration.workers = try workers(layers) ?? configuration.workers
        if let value = layers.value(
            flag: \.logLevel, "--log-level", environment: ["BALLAST_LOG_LEVEL"], file: \.logLevel, "log.level")
        {
            configuration.logLevel = try SettingParser.choice(value, as: Logger.Level.self)
        }
        if let value = layers.value(
            flag: \.logFormat, "--log-format", environment: ["BALLAST_LOG_FORMAT"], file: \.logFormat, "log.format")
        {
            configuration.logFormat = try SettingParser.choice(value, as: LogFormat.self)
        }
        return configuration
    }

    /// `HOSTNAME-PID`: unique per process, and the pod name in a pod.
    public static func processIdentity() -> String {
        let info = ProcessInfo.processInfo
        return "\(info.hostName)-\(info.processIdentifier)"
    }

    private static func configurationFile(
        flags: RunFlags, environment: [String: String], files: FileAccess
    ) throws(ConfigurationError) -> ConfigurationFile {
        let path = flags.configFile ?? environment["BALLAST_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        guard let path else { return ConfigurationFile(path: "") }
        let data = try files.contents(of: path, role: "config file")
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidYAML(path: path, reason: "the file is not UTF-8 text")
        }
        return try ConfigurationFile(parsing: text, path: path)
    }

    /// `KUBECONFIG` may list several files; like kubectl's loader, the first one is used.
    private static func firstListedFile(_ value: LocatedValue) -> String? {
        value.text.split(separator: ":").first.map(String.init)
    }

    private static func namespaces(_ layers: SettingLayers) throws(ConfigurationError) -> [String] {
        let values: [LocatedValue]
        if !layers.flags.namespaces.isEmpty {
            values = layers.flags.namespaces.map { LocatedValue(text: $0, origin: .flag("--namespace")) }
        } else if let listed = layers.environmentValue(["BALLAST_NAMESPACES"]) {
            values = listed.text.split(separator: ",").map {
                LocatedValue(text: $0.trimmingCharacters(in: .whitespaces), origin: listed.origin)
            }.filter { !$0.text.isEmpty }
        } else {
            values = (layers.file.namespaces ?? []).enumerated().map {
                LocatedValue(text: $0.element, origin: layers.file.origin("namespaces[\($0.offset)]"))
            }
        }
        var unique: [String] = []
        for value in values {
            let namespace = try SettingParser.dnsLabel(value)
            if !unique.contains(namespace) { unique.append(namespace) }
        }
        return unique
    }

    private static func workers(_ layers: SettingLayers) throws(ConfigurationError) -> Int? {
        let value: LocatedValue?
        if let flag = layers.flags.workers {
            value = LocatedValue(text: String(flag), origin: .flag("--workers"))
        } else if let variable = layers.environmentValue(["BALLAST_WORKERS"]) {
            value = variable
        } else {
            value = layers.file.workers.map { LocatedValue(text: String($0), origin: layers.file.origin("workers")) }
        }
        guard let value else { return nil }
        let workers = try SettingParser.int(value)
        guard workerRange.contains(workers) else {
            throw .invalidValue(
                origin: value.origin, value: value.text,
                problem: "must be from \(workerRange.lowerBound) to \(workerRange.upperBound)")
        }
        return workers
    }
}
