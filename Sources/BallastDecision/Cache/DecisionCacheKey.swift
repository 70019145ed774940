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
    /// 64-bit FNV-1a of the compact JSON of the relevant state, in hex.
    public var stateHash: String

    /// Creates a key from its parts.
    public init(alert: String, target: String, stateHash: String) {
        self.alert = alert
        self.target = target
        self.stateHash = stateHash
    }

    /// The key for `context`. Volatile details (restart counts, event counts and messages,
    /// logs, ready replicas, the HPA's current replicas) are left out so a storm of identical alerts shares
    /// one key. Built from the fields directly (no `JSONEncoder`): it runs on every decision.
    public init(context: DecisionContext) {
        alert = context.alert.fingerprint ?? context.alert.name
        target = context.target.displayName
        let observed = context.target
        let containers = JSONValue.array(observed.containers.map { container in
            [
                "name": .string(container.name), "image": container.image.map(JSONValue.string) ?? .null,
                "requests": .object(container.requests.mapValues(JSONValue.string)),
                "limits": .object(container.limits.mapValues(JSONValue.string)),
                "env": .object(container.env.mapValues(JSONValue.string)),
                "terminated": container.lastTerminationReason.map(JSONValue.string) ?? .null,
                "waiting": container.waitingReason.map(JSONValue.string) ?? .null,
            ]
        })
        let state: JSONValue = [
            "alertName": .string(context.alert.name),
            "target": [
                "apiVersion": .string(observed.apiVersion), "replicas": observed.replicas.map { .int(Int64($0)) } ?? .null,
                "containers": containers,
                "hpa": observed.autoscaler.map { ["name": .string($0.name), "min": .int(Int64($0.minReplicas)), "max": .int(Int64($0.maxReplicas))] } ?? .null,
                "pdb": observed.disruptionBudget.map { ["name": .string($0.name), "allowed": .int(Int64($0.disruptionsAllowed))] } ?? .null,
                "facts": .object(observed.facts),
            ],
            "allowed": .array(context.allowedActions.map { ["name": .string($0.name), "limits": .object($0.limits)] }),
            "history": .int(Int64(context.history.entries.count)),
            "patterns": .array(context.history.patterns.map { .string("\($0.type)|\($0.severity)|\($0.message)") }),
        ]
        stateHash = Self.fnv1a(JSONText.render(state))
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
