import Foundation
import KubeTypes
import PropertyBased
import Testing

@Suite struct KubeTimeTests {
    private static let reference = Date(timeIntervalSince1970: 1_795_168_800)  // 2026-11-20T10:00:00Z

    @Test(arguments: [
        ("2026-11-20T10:00:00Z", 0.0), ("2026-11-20T10:00:00.5Z", 0.5),
        ("2026-11-20T10:00:00.123456Z", 0.123456), ("2026-11-20T11:00:00+01:00", 0.0),
        ("2026-11-20T05:30:00-04:30", 0.0), ("2026-11-20T10:00:00.250+00:00", 0.25),
        ("2026-11-20T10:00:00.123456789Z", 0.123456789), ("2026-11-20T10:00:00.1Z", 0.1),
    ])
    func parsesRFC3339WithAndWithoutFractionsAndOffsets(text: String, offset: Double) throws {
        let date = try #require(KubeTime.parse(text))
        #expect(abs(date.timeIntervalSince(Self.reference) - offset) < 0.000_001)
    }

    @Test(arguments: ["", "2026-11-20", "10:00:00Z", "2026-11-20 10:00:00", "yesterday", "2026-13-20T10:00:00Z"])
    func rejectsWhatIsNotRFC3339(text: String) {
        #expect(KubeTime.parse(text) == nil)
    }

    @Test(arguments: [
        (0.0, "2026-11-20T10:00:00Z"), (0.5, "2026-11-20T10:00:00.500000Z"),
        (0.000_001, "2026-11-20T10:00:00.000001Z"), (0.999_999_7, "2026-11-20T10:00:01Z"),
        (-0.25, "2026-11-20T09:59:59.750000Z"),
    ])
    func formatsUTCWithWholeSecondsOrMicroseconds(offset: Double, text: String) {
        #expect(KubeTime.format(Self.reference.addingTimeInterval(offset)) == text)
    }

    @Test func formatThenParseKeepsMicrosecondPrecision() async {
        await propertyCheck(input: Gen.int64(in: 0...4_000_000_000_000_000)) { micros in
            let date = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
            let parsed = try #require(KubeTime.parse(KubeTime.format(date)))
            #expect(abs(parsed.timeIntervalSince(date)) < 0.000_002)
        }
    }

    @Test func kubernetesCodersUseRFC3339() throws {
        struct Stamped: Codable, Equatable { var at: Date }
        let value = Stamped(at: Self.reference)
        let data = try JSONEncoder.kubernetes().encode(value)
        #expect(String(decoding: data, as: UTF8.self) == #"{"at":"2026-11-20T10:00:00Z"}"#)
        #expect(try JSONDecoder.kubernetes().decode(Stamped.self, from: data) == value)
        let fractional = Data(#"{"at":"2026-11-20T10:00:00.123456Z"}"#.utf8)
        #expect(try JSONDecoder.kubernetes().decode(Stamped.self, from: fractional).at > value.at)
    }

    @Test func decodingANonTimestampNamesTheText() {
        struct Stamped: Codable { var at: Date }
        #expect {
            try JSONDecoder.kubernetes().decode(Stamped.self, from: Data(#"{"at":"soon"}"#.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription.contains("'soon' is not an RFC 3339 timestamp")
        }
    }
}
