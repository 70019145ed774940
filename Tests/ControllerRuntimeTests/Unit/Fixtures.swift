import KubeTypes

/// A minimal object for cache and handler tests.
struct Widget: KubernetesObject, Hashable {
    var metadata: ObjectMeta
    var size: Int = 0

    init(_ name: String, namespace: String? = "ns", version: String = "1", labels: [String: String]? = nil,
         size: Int = 0, managedFields: JSONValue? = nil, owner: String? = nil) {
        metadata = ObjectMeta(
            name: name, namespace: namespace, uid: "uid-\(name)", resourceVersion: version, labels: labels,
            ownerReferences: owner.map {
                [OwnerReference(apiVersion: "v1", kind: "Parent", name: $0, uid: "uid-\($0)", controller: true)]
            },
            managedFields: managedFields)
        self.size = size
    }
}

/// A deterministic random source (SplitMix64) so jittered decisions are reproducible.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
