import BallastAPI

/// Deterministic, DNS-1123-safe names and label values for receiver-created requests.
public enum RequestNaming {
    /// Longest DNS-1123 label (names used here stay label-sized so they fit everywhere).
    public static let maxNameLength = 63
    /// Characters kept for the fingerprint part of a name.
    static let fingerprintLength = 16
    /// Characters reserved for a recurrence suffix such as `-12`.
    static let suffixReserve = 4

    /// `<alertname slug>-<fingerprint>`: lower case, `[a-z0-9-]`, at most 59 characters, so that
    /// ``name(base:occurrence:)`` always stays within 63.
    ///
    /// The fingerprint part is the fingerprint itself when it is lower-case hex (what
    /// Alertmanager sends), else the FNV-1a hash of it, so distinct fingerprints stay distinct.
    public static func baseName(alertName: String, fingerprint: String) -> String {
        let isLowerHex = fingerprint.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
        let print = isLowerHex ? fingerprint : FNV1a.hex(fingerprint)
        let tail = String(print.prefix(fingerprintLength))
        let room = maxNameLength - suffixReserve - tail.count - 1
        let slug = dnsLabel(alertName, maxLength: room) ?? "alert"
        return "\(slug)-\(tail)"
    }

    /// The name of the `occurrence`-th request for one base name: `base` for the first,
    /// `base-2`, `base-3`, … after that.
    public static func name(base: String, occurrence: Int) -> String {
        occurrence <= 1 ? base : "\(base)-\(occurrence)"
    }

    /// `text` lower-cased, with every run of characters outside `[a-z0-9]` turned into one `-`,
    /// trimmed of dashes and cut to `maxLength`; `nil` when nothing is left.
    public static func dnsLabel(_ text: String, maxLength: Int = maxNameLength) -> String? {
        var result = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        let cut = result.prefix(maxLength)
        let trimmed = cut.hasSuffix("-") ? String(cut.dropLast()) : String(cut)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whether `text` is a valid DNS-1123 label (what a namespace name must be).
    public static func isDNSLabel(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, scalars.count <= maxNameLength else {
            return false
        }
        let alphanumeric: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return alphanumeric(first) && alphanumeric(last) && scalars.allSatisfy { alphanumeric($0) || $0 == "-" }
    }
}
