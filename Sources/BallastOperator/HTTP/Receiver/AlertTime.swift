import Foundation
import KubeTypes

/// Timestamps as Alertmanager (Go's `time.Time`, RFC 3339 with up to nanoseconds) writes them.
enum AlertTime {
    /// Go's zero time, which Alertmanager sends as `endsAt` of an alert with no known end.
    static func isZero(_ text: String) -> Bool {
        text.hasPrefix("0001-01-01T00:00:00")
    }

    /// Parses RFC 3339 with any number of fractional digits (Go writes up to nine; Foundation's
    /// parser takes at most three reliably, so the fraction is cut to milliseconds first).
    static func parse(_ text: String) -> Date? {
        KubeTime.parse(truncatingFraction(text))
    }

    private static func truncatingFraction(_ text: String) -> String {
        guard let dot = text.firstIndex(of: ".") else { return text }
        let digitsStart = text.index(after: dot)
        let digitsEnd = text[digitsStart...].firstIndex { !$0.isASCII || !$0.isNumber } ?? text.endIndex
        let digits = text[digitsStart..<digitsEnd]
        guard digits.count > 3 else { return text }
        return String(text[..<digitsStart]) + digits.prefix(3) + text[digitsEnd...]
    }
}
