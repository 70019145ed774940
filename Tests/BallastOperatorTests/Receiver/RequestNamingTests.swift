import Testing
@testable import BallastOperator

@Suite struct RequestNamingTests {
    @Test(arguments: [
        ("KubePodOOMKilled", "7f3a9c0d1e2b3a4c", "kubepodoomkilled-7f3a9c0d1e2b3a4c"),
        ("Disk  Full!!/Now", "0123456789abcdef0", "disk-full-now-0123456789abcdef"),
        ("---", "abc", "alert-abc"),
        ("Ünïcode_Alert", "00ff", "n-code-alert-00ff"),
    ])
    func baseNameIsReadableAndDNSSafe(alertName: String, fingerprint: String, expected: String) {
        let name = RequestNaming.baseName(alertName: alertName, fingerprint: fingerprint)
        #expect(name == expected)
        #expect(RequestNaming.isDNSLabel(name))
    }

    @Test func nonHexFingerprintsAreHashedSoTheyStayDistinct() {
        let upper = RequestNaming.baseName(alertName: "A", fingerprint: "ABCDEF")
        let lower = RequestNaming.baseName(alertName: "A", fingerprint: "abcdef")
        #expect(upper != lower)
        #expect(RequestNaming.isDNSLabel(upper))
    }

    @Test(arguments: [1, 2, 9, 99, 999])
    func longNamesStayWithin63WithAnySuffix(occurrence: Int) {
        let base = RequestNaming.baseName(alertName: String(repeating: "VeryLongAlertName", count: 10), fingerprint: "7f3a9c0d1e2b3a4c")
        let name = RequestNaming.name(base: base, occurrence: occurrence)
        #expect(name.count <= 63)
        #expect(RequestNaming.isDNSLabel(name))
    }

    @Test func sameInputsGiveTheSameName() {
        let first = RequestNaming.baseName(alertName: "HighLatency", fingerprint: "deadbeefdeadbeef")
        let second = RequestNaming.baseName(alertName: "HighLatency", fingerprint: "deadbeefdeadbeef")
        #expect(first == second)
        #expect(RequestNaming.name(base: first, occurrence: 1) == first)
        #expect(RequestNaming.name(base: first, occurrence: 2) == first + "-2")
    }

    @Test(arguments: [
        ("shop", true), ("a--b", true), ("0abc", true), ("Shop", false), ("-a", false), ("a-", false),
        ("", false), ("a.b", false), (String(repeating: "a", count: 64), false),
    ])
    func recognisesDNSLabels(text: String, valid: Bool) {
        #expect(RequestNaming.isDNSLabel(text) == valid)
    }
}
