/// FNV-1a, 64-bit (Fowler–Noll–Vo), over UTF-8 bytes.
///
/// Chosen for deterministic names and ids because it is tiny, has no dependency, and is stable
/// across processes, platforms and Swift versions (unlike `Hasher`, which is seeded per process).
/// Parameters from the reference definition: offset basis `0xcbf29ce484222325`, prime
/// `0x100000001b3`; for each byte: `hash ^= byte; hash &*= prime`. It is not a cryptographic hash:
/// it only has to make accidental collisions between distinct inputs unlikely.
public enum FNV1a {
    /// The 64-bit FNV offset basis.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The 64-bit FNV prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of `text`'s UTF-8 bytes.
    public static func hash(_ text: String) -> UInt64 {
        var hash = offsetBasis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    /// The hash of `text` as 16 lower-case hex digits (zero-padded).
    public static func hex(_ text: String) -> String {
        let digits = String(hash(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
