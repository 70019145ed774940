extension ActionHistory {
    /// The longest name a history may have (a DNS-1123 label).
    public static let maxNameLength = 63

    /// The deterministic name of the history of `target`: `<kind>-<name>`, lower-cased.
    ///
    /// Guarantees: the result is a valid DNS-1123 label (`[a-z0-9-]`, starts and ends with an
    /// alphanumeric, at most 63 characters), and equal targets always get equal names. When the
    /// plain form is not already such a label (too long, or characters such as `.` had to be
    /// replaced), a `-` and the 16-hex-digit ``FNV1a`` hash of the exact `<kind>-<name>` text is
    /// appended to a truncated prefix, so two targets that only differ in replaced characters
    /// (`a.b` and `a-b`) still get different names.
    public static func name(for target: TargetReference) -> String {
        let raw = "\(target.kind)-\(target.name)"
        let lowered = raw.lowercased()
        let sanitized = sanitize(lowered)
        if sanitized == lowered, sanitized.count <= maxNameLength, !sanitized.isEmpty {
            return sanitized
        }
        let suffix = FNV1a.hex(raw)
        let prefixLength = maxNameLength - suffix.count - 1
        let prefix = trimDashes(String(sanitized.prefix(prefixLength)))
        return prefix.isEmpty ? suffix : "\(prefix)-\(suffix)"
    }

    /// Replaces every character outside `[a-z0-9-]` with `-` and trims leading/trailing dashes.
    private static func sanitize(_ text: String) -> String {
        let mapped = String(text.map { character -> Character in
            guard character.isASCII, character.isLetter || character.isNumber || character == "-" else {
                return "-"
            }
            return character
        })
        return trimDashes(mapped)
    }

    private static func trimDashes(_ text: String) -> String {
        String(text.drop { $0 == "-" }.reversed().drop { $0 == "-" }.reversed())
    }
}
