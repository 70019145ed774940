import BallastAPI
import Foundation
import KubeTypes

/// Per-field hashes of the immutable part of a request's spec (everything but `approval`),
/// stored in the annotation ``annotationKey`` at the first observation so later changes can be
/// detected and named.
///
/// Format: `action=<hex>,alert=<hex>,allowedActions=<hex>,mode=<hex>,target=<hex>` (FNV-1a of
/// each field's JSON with sorted keys; `-` for an absent field).
public struct SpecFingerprint: Sendable, Hashable {
    /// `ballast.dev/spec-hash` on the RemediationRequest's metadata.
    public static let annotationKey = "ballast.dev/spec-hash"

    /// Field name → hash.
    public var fields: [String: String]

    /// The fingerprint of `spec`.
    public init(_ spec: RemediationRequestSpec) {
        fields = [
            "alert": Self.hash(spec.alert), "target": Self.hash(spec.target), "mode": Self.hash(spec.mode),
            "action": Self.hash(spec.action), "allowedActions": Self.hash(spec.allowedActions),
        ]
    }

    /// Parses an annotation value; `nil` when it is not in the format above.
    public init?(annotation: String) {
        var fields: [String: String] = [:]
        for part in annotation.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { return nil }
            fields[pair[0]] = pair[1]
        }
        guard !fields.isEmpty else { return nil }
        self.fields = fields
    }

    /// The annotation value.
    public var annotation: String {
        fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The `spec.<field>` paths whose hash differs from `recorded` (sorted).
    public func changedFields(since recorded: SpecFingerprint) -> [String] {
        Set(fields.keys).union(recorded.fields.keys).filter { fields[$0] != recorded.fields[$0] }
            .sorted().map { "spec.\($0)" }
    }

    /// FNV-1a of the value's canonical JSON; `-` for `nil`.
    private static func hash(_ value: (some Encodable)?) -> String {
        guard let value else { return "-" }
        let encoder = JSONEncoder.kubernetes()  // sorted keys: canonical
        do {
            return FNV1a.hex(String(decoding: try encoder.encode(value), as: UTF8.self))
        } catch {
            // Not encodable (e.g. a non-finite number): hash the error, which names the value.
            return FNV1a.hex("unencodable: \(error)")
        }
    }
}
