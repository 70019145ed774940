/// Where a configuration value came from: a flag, an environment variable or a key of the
/// configuration file. Errors name it, so a person knows exactly what to fix.
public enum SettingOrigin: Sendable, Hashable, CustomStringConvertible {
    /// A command-line flag, e.g. `--metrics-addr`.
    case flag(String)
    /// An environment variable, e.g. `BALLAST_METRICS_ADDR`.
    case environment(String)
    /// A key of the configuration file, e.g. `llm.providers[1].baseURL` in `/etc/ballast/config.yaml`.
    case file(path: String, key: String)

    /// `--metrics-addr`, `$BALLAST_METRICS_ADDR`, or `config file F: key`.
    public var description: String {
        switch self {
        case .flag(let name): name
        case .environment(let name): "$\(name)"
        case .file(let path, let key): "config file \(path): \(key)"
        }
    }
}

/// Why `ballast run` cannot start with the configuration it was given. Every case names the file,
/// key, flag or variable at fault; ``description`` is one line a person can act on.
public enum ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file could not be read. `role` says what the file is for (`config file`,
    /// `receiver token file`); `reason` is the operating system's error text.
    case unreadableFile(role: String, path: String, reason: String)
    /// A file that must hold something is empty (after trimming whitespace).
    case emptyFile(role: String, path: String)
    /// The configuration file is not valid YAML, or its top level is not a mapping.
    case invalidYAML(path: String, reason: String)
    /// The configuration file has a key Ballast does not know, with the closest known key when
    /// one is close enough to be a typo.
    case unknownKey(path: String, key: String, suggestion: String?)
    /// A key of the configuration file holds the wrong kind of value.
    case wrongType(path: String, key: String, expected: String, found: String)
    /// A value has the right type but is not acceptable.
    case invalidValue(origin: SettingOrigin, value: String, problem: String)
    /// Two LLM providers share a name (names label metrics and must be unique).
    case duplicateProviderName(path: String, name: String, first: Int, second: Int)
    /// Settings that are fine alone but not together.
    case conflict(String)

    /// One line: what is wrong, and where.
    public var description: String {
        switch self {
        case .unreadableFile(let role, let path, let reason):
            "cannot read \(role) \(path): \(reason)"
        case .emptyFile(let role, let path):
            "\(role) \(path) is empty"
        case .invalidYAML(let path, let reason):
            "config file \(path): not valid YAML: \(reason)"
        case .unknownKey(let path, let key, let suggestion):
            "config file \(path): \(key): unknown key" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
        case .wrongType(let path, let key, let expected, let found):
            "config file \(path): \(key): expected \(expected), found \(found)"
        case .invalidValue(let origin, let value, let problem):
            "\(origin): \(value.debugDescription): \(problem)"
        case .duplicateProviderName(let path, let name, let first, let second):
            "config file \(path): llm.providers[\(second)].name: \"\(name)\" is already used by llm.providers[\(first)]"
        case .conflict(let message):
            message
        }
    }
}
