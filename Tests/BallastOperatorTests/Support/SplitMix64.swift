/// A tiny seeded generator, so randomised tests are reproducible from their seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    /// A random string of `length` characters drawn from ASCII, Latin-1, CJK and emoji, so
    /// multi-byte UTF-8 and grapheme clusters are covered.
    static func random(length: Int, using generator: inout SplitMix64) -> String {
        let pools: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0xFF, 0x4E00...0x4E80, 0x1F600...0x1F64F]
        var result = ""
        for _ in 0..<length {
            let pool = pools[Int.random(in: 0..<pools.count, using: &generator)]
            if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &generator)) {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
