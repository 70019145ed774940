import KubeTypes

/// The decision cache key: alert identity + target + a hash of the decision-relevant observed
/// state (including what is allowed), so an alert storm over an unchanged situation maps to
/// one key, and any meaningful change (new limits, a new termination reason, a new action in
/// the history) maps to another.
public struct DecisionCacheKey: Sendable, Hashable, CustomStringConvertible {
    /// The alert's fingerprint, or its name when it has none.
    public var alert: String
    /// `Kind namespace/name`.
    public var target: String
    /// 64-bit FNV-1a of the canonical JSON of the relevant state, in hex.
    public var stateHash: String

    /// Creates a key from its parts.
    public init(alert: String, target: String, stateHash: String) {
        self.alert = alert
        self.target = target
        self.stateHash = stateHash
    }

    /// The key for `context`. Volatile details (restart counts, event counts and messages,
    /// logs) are left out so a storm of identical alerts shares one key.
    public init(context: DecisionContext) {
        alert = context.alert.fingerprint ?? context.alert.name
        target = context.target.displayName
        var stable = context.target
        stable.events = []
        stable.logs = [:]
        stable.containers = stable.containers.map { container in
            var copy = container
            copy.restartCount = 0
            return copy
        }
        let state: JSONValue = [
            "target": (try? JSONValue(encoding: stable)) ?? .null,
            "allowed": (try? JSONValue(encoding: context.allowedActions)) ?? .null,
            "history": .int(Int64(context.history.entries.count)),
            "patterns": (try? JSONValue(encoding: context.history.patterns)) ?? .null,
            "alertName": .string(context.alert.name),
        ]
        stateHash = Self.fnv1a(state.canonicalString())
    }

    /// 64-bit FNV-1a of the UTF-8 bytes of `text`, as 16 hex digits (stable across processes).
    public static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// `alert|target|hash`.
    public var description: String { "\(alert)|\(target)|\(stateHash)" }
}
