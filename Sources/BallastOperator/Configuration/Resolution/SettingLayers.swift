import Foundation

/// A raw setting and where it came from.
struct LocatedValue: Sendable, Hashable {
    /// The text as given.
    var text: String
    /// The flag, variable or file key it came from.
    var origin: SettingOrigin
}

/// The three layers a setting can come from, highest precedence first: flags, environment,
/// configuration file. An environment variable set to the empty string counts as unset. Pure.
struct SettingLayers {
    let flags: RunFlags
    let environment: [String: String]
    let file: ConfigurationFile

    /// The first of flag, environment variables (in order) and file key that is set.
    func value(
        flag: KeyPath<RunFlags, String?>, _ flagName: String, environment variables: [String],
        file key: KeyPath<ConfigurationFile, String?>, _ fileKey: String
    ) -> LocatedValue? {
        if let text = flags[keyPath: flag] { return LocatedValue(text: text, origin: .flag(flagName)) }
        if let located = environmentValue(variables) { return located }
        return file[keyPath: key].map { LocatedValue(text: $0, origin: file.origin(fileKey)) }
    }

    /// The first of `variables` that is set to a non-empty value.
    func environmentValue(_ variables: [String]) -> LocatedValue? {
        for variable in variables {
            if let text = environment[variable], !text.isEmpty {
                return LocatedValue(text: text, origin: .environment(variable))
            }
        }
        return nil
    }
}

/// Parsing of raw setting text, with errors naming the setting's origin. Pure.
enum SettingParser {
    /// A `HOST:PORT` listen address.
    static func address(_ value: LocatedValue) throws(ConfigurationError) -> ListenAddress {
        do {
            return try ListenAddress(parsing: value.text)
        } catch {
            throw .invalidValue(origin: value.origin, value: value.text, problem: error.problem)
        }
    }

    /// `true` or `false`.
    static func bool(_ value: LocatedValue) throws(ConfigurationError) -> Bool {
        switch value.text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .invalidValue(origin: value.origin, value: value.text, problem: "expected true or false")
        }
    }

    /// A decimal integer.
    static func int(_ value: LocatedValue) throws(ConfigurationError) -> Int {
        guard let number = Int(value.text.trimmingCharacters(in: .whitespaces)) else {
            throw .invalidValue(origin: value.origin, value: value.text, problem: "expected an integer")
        }
        return number
    }

    /// One of the raw values of `Choice`.
    static func choice<Choice: RawRepresentable & CaseIterable>(
        _ value: LocatedValue, as _: Choice.Type
    ) throws(ConfigurationError) -> Choice where Choice.RawValue == String {
        guard let choice = Choice(rawValue: value.text.lowercased()) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidValue(origin: value.origin, value: value.text, problem: "expected one of \(allowed)")
        }
        return choice
    }

    /// A DNS-1123 label, such as a namespace or Lease name; `what` names it in the error.
    static func dnsLabel(_ value: LocatedValue, what: String = "namespace name") throws(ConfigurationError) -> String {
        guard RequestNaming.isDNSLabel(value.text) else {
            throw .invalidValue(
                origin: value.origin, value: value.text,
                problem: "not a valid \(what) (lower-case letters, digits and '-', at most 63 characters)")
        }
        return value.text
    }
}
