import Foundation
import KubeTypes
import Yams

/// Encodes results for `-o json` and `-o yaml`: keys sorted, times as RFC 3339 UTC, so the
/// output is stable from run to run and diffable.
public enum StructuredOutput {
    /// `value` as JSON (`.json`) or YAML (`.yaml`); `nil` for `.table`, which each verb renders
    /// itself.
    /// - Throws: ``CtlError`` (`.api`) if the value cannot be encoded (it names the type).
    public static func render(_ value: some Encodable, as format: OutputFormat) throws(CtlError) -> String? {
        switch format {
        case .table:
            return nil
        case .json:
            return try json(value)
        case .yaml:
            return try yaml(value)
        }
    }

    /// Indented JSON with sorted keys.
    public static func json(_ value: some Encodable) throws(CtlError) -> String {
        let encoder = JSONEncoder.kubernetes()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw CtlError(.api, "cannot encode \(type(of: value)) as JSON: \(error)")
        }
    }

    /// YAML with sorted keys (the value goes through its JSON form first, so times and numbers
    /// are written exactly as in `json`).
    public static func yaml(_ value: some Encodable) throws(CtlError) -> String {
        do {
            let tree = try JSONValue(encoding: value)
            let encoder = YAMLEncoder()
            encoder.options.sortKeys = true
            let text = try encoder.encode(tree)
            return text.hasSuffix("\n") ? String(text.dropLast()) : text
        } catch {
            throw CtlError(.api, "cannot encode \(type(of: value)) as YAML: \(error)")
        }
    }
}
