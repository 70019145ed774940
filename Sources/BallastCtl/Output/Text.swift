/// Small text helpers for terminal output.
public enum Text {
    /// `text` on one line: newlines, tabs and runs of spaces become single spaces, leading and
    /// trailing whitespace is dropped, and when the result is longer than `maxLength` it is cut
    /// at a word boundary where one is close (else mid-word) and ends with `…`.
    ///
    /// Guarantees: the result has at most `maxLength` characters (for `maxLength >= 1`) and no
    /// newline.
    public static func singleLine(_ text: String, maxLength: Int) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let flat = words.joined(separator: " ")
        guard maxLength >= 1, flat.count > maxLength else { return flat }
        let budget = maxLength - 1
        let cut = flat.prefix(budget)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) >= budget * 3 / 4 {
            return String(cut[..<space]) + "…"
        }
        return String(cut) + "…"
    }

    /// `text` without trailing spaces.
    public static func trimTrailing(_ text: String) -> String {
        var result = Substring(text)
        while result.last == " " { result = result.dropLast() }
        return String(result)
    }

    /// A number in `0...1` with two decimals (`0.86`), or `-` when absent.
    public static func fraction(_ value: Double?) -> String {
        guard let value else { return "-" }
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100
        let rest = abs(hundredths % 100)
        return "\(whole).\(rest < 10 ? "0" : "")\(rest)"
    }

    /// Indents every line of `text` by `prefix`.
    public static func indent(_ text: String, by prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : prefix + $0 }
            .joined(separator: "\n")
    }
}
