import BallastCtl
import Foundation
import Testing

@Suite("RelativeTime: ages and instants for people")
struct RelativeTimeTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("spans in kubectl's compact style", arguments: [
        (0, "0s"), (45, "45s"), (59.9, "59s"), (60, "1m"), (200, "3m20s"), (600, "10m"), (3599, "59m"),
        (3600, "1h"), (7500, "2h5m"), (86_400, "1d"), (86_400 * 3 + 3600 * 4, "3d4h"), (86_400 * 45, "45d"),
    ] as [(Double, String)])
    func span(seconds: Double, expected: String) {
        #expect(RelativeTime.span(seconds) == expected)
        #expect(RelativeTime.span(-seconds) == expected)
    }

    @Test("past, future and now", arguments: [
        (-180.0, "3m ago"), (240, "in 4m"), (0.4, "just now"), (-0.9, "just now"), (-7500, "2h5m ago"),
    ] as [(Double, String)])
    func describe(offset: Double, expected: String) {
        #expect(RelativeTime.describe(Self.now.addingTimeInterval(offset), now: Self.now) == expected)
    }

    @Test("exact instants are RFC 3339 UTC with the relative form")
    func exact() {
        let later = Self.now.addingTimeInterval(240)
        #expect(RelativeTime.exact(later, now: Self.now) == "2027-01-15T08:04:00Z (in 4m)")
        #expect(RelativeTime.describe(Optional<Date>.none, now: Self.now) == "-")
    }
}
