import Foundation
import KubeTypes

/// A value as it will read back from the API server: encoded the way it is sent and decoded the
/// way the caches decode it (pure).
///
/// Reconcilers compare a recomputed status with the stored one to skip no-op writes. A computed
/// instant (`lastSeen + coolOff`) can differ in its last binary digit from the same instant
/// written as RFC 3339 microseconds and parsed back, which would make every recompute look like
/// a change and every reconcile write. Comparing wire forms removes that difference: the API
/// server stores custom resources' JSON verbatim, so decoding what was sent equals decoding what
/// is read back.
public enum WireForm {
    /// `value` after a round trip through Kubernetes JSON; `value` itself if it does not encode.
    public static func normalized<Value: Codable>(_ value: Value) -> Value {
        guard let data = try? JSONEncoder.kubernetes().encode(value),
            let decoded = try? JSONDecoder.kubernetes().decode(Value.self, from: data)
        else { return value }
        return decoded
    }
}
