import Foundation
import KubeTypes
import PropertyBased
import Testing

@Suite struct GoDurationTests {
    @Test(arguments: [
        ("0", 0), ("0s", 0), ("500ms", 500), ("90s", 90_000), ("10m", 600_000), ("2h", 7_200_000),
        ("1h30m", 5_400_000), ("1.5h", 5_400_000), ("1m30s", 90_000), ("2h0m0s", 7_200_000),
        ("1.5ms", 2), ("720h", 2_592_000_000),
    ] as [(String, Int64)])
    func parsesGoSyntax(text: String, milliseconds: Int64) throws {
        #expect(try GoDuration(parsing: text).milliseconds == milliseconds)
    }

    @Test(arguments: [
        ("", "empty"), ("10", "missing unit"), ("5us", "unknown unit 'us'"), ("3d", "unknown unit 'd'"),
        ("-5s", "expected a number"), ("s", "expected a number"), ("1..5s", "expected a number"),
        ("10 m", "missing unit"), ("99999999999999h", "too large"),
    ])
    func rejectsMalformedTextSayingWhy(text: String, reason: String) {
        #expect {
            try GoDuration(parsing: text)
        } throws: { error in
            guard let error = error as? GoDuration.ParseError else { return false }
            return error.input == text && error.reason.contains(reason) && error.description.contains("'\(text)'")
        }
    }

    @Test(arguments: [
        (0, "0s"), (500, "500ms"), (90_000, "1m30s"), (5_400_000, "1h30m"), (3_600_001, "1h1ms"),
        (7_200_000, "2h"),
    ] as [(Int64, String)])
    func formatsCanonically(milliseconds: Int64, text: String) {
        #expect(GoDuration(milliseconds: milliseconds).description == text)
    }

    @Test func negativeMillisecondsClampToZero() {
        #expect(GoDuration(milliseconds: -5) == .zero)
    }

    @Test func factoriesAndOrdering() {
        #expect(GoDuration.hours(2) == GoDuration.minutes(120))
        #expect(GoDuration.seconds(90).timeInterval == 90)
        #expect(GoDuration.minutes(2) < GoDuration.seconds(121))
    }

    @Test func codableUsesTheCanonicalString() throws {
        let data = try JSONEncoder().encode(["d": GoDuration.seconds(90)])
        #expect(String(decoding: data, as: UTF8.self) == #"{"d":"1m30s"}"#)
        let decoded = try JSONDecoder().decode([String: GoDuration].self, from: Data(#"{"d":"1.5h"}"#.utf8))
        #expect(decoded["d"] == .minutes(90))
    }

    @Test func decodingMalformedTextNamesTheValue() {
        #expect {
            try JSONDecoder().decode([String: GoDuration].self, from: Data(#"{"d":"ten minutes"}"#.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription.contains("'ten minutes' is not a duration")
        }
    }

    @Test func formatThenParseIsIdentity() async {
        await propertyCheck(input: Gen.int64(in: 0...(1 << 40))) { milliseconds in
            let duration = GoDuration(milliseconds: milliseconds)
            let parsed = try GoDuration(parsing: duration.description)
            #expect(parsed == duration)
        }
    }

    @Test func canonicalFormMatchesTheSchemaPattern() async throws {
        let pattern = try Regex(GoDuration.schemaPattern)
        await propertyCheck(input: Gen.int64(in: 0...(1 << 40))) { milliseconds in
            #expect(GoDuration(milliseconds: milliseconds).description.wholeMatch(of: pattern) != nil)
        }
    }

    /// What the API server lets through (the CRD pattern) must parse in the operator.
    @Test func whatTheSchemaPatternAcceptsParses() async throws {
        let pattern = try Regex(GoDuration.schemaPattern)
        let alphabet = Array("0123456789.mshd")
        let texts = Gen.int(in: 0...(alphabet.count - 1)).map { alphabet[$0] }.array(of: 1...7).map { String($0) }
        await propertyCheck(count: 2000, input: texts) { text in
            guard text.wholeMatch(of: pattern) != nil else { return }
            #expect(throws: Never.self, "\(text)") { try GoDuration(parsing: text) }
        }
    }

    @Test(arguments: ["10", "1 h", "1d", "-1s", "1.5.s", "h"])
    func schemaPatternRejectsWhatTheParserRejects(text: String) throws {
        let pattern = try Regex(GoDuration.schemaPattern)
        #expect(text.wholeMatch(of: pattern) == nil)
        #expect(throws: GoDuration.ParseError.self) { try GoDuration(parsing: text) }
    }
}
