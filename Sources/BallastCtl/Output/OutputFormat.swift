/// How a verb prints its result (`-o table|json|yaml`).
public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
    /// Human-readable tables and sentences (the default).
    case table
    /// The underlying objects, or the verb's documented structure, as indented JSON.
    case json
    /// The same as `json`, as YAML.
    case yaml

    /// Parses the `-o` argument.
    /// - Throws: ``CtlError`` (`.usage`) naming the accepted values.
    public init(parsing text: String) throws(CtlError) {
        guard let format = OutputFormat(rawValue: text.lowercased()) else {
            let accepted = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw CtlError(.usage, "unknown output format \"\(text)\"; use one of \(accepted)")
        }
        self = format
    }
}
