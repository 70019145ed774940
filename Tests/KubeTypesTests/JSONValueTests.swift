import Foundation
import KubeTypes
import PropertyBased
import Testing

@Suite struct JSONValueTests {
    private func decode(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test(arguments: [
        ("null", JSONValue.null), ("true", .bool(true)), ("false", .bool(false)), ("3", .int(3)),
        ("-7", .int(-7)), ("9223372036854775807", .int(Int64.max)), ("0.5", .double(0.5)),
        ("1e100", .double(1e100)), (#""x""#, .string("x")), ("[1,\"a\"]", .array([.int(1), .string("a")])),
        (#"{"a":{"b":[]}}"#, .object(["a": .object(["b": .array([])])])),
    ])
    func decodesEveryKindKeepingIntegersApartFromDoubles(text: String, expected: JSONValue) throws {
        #expect(try decode(text) == expected)
        // The Kubernetes decoder tries strings and integers first; the result is the same.
        #expect(try JSONDecoder.kubernetes().decode(JSONValue.self, from: Data(text.utf8)) == expected)
    }

    @Test func quotedNumbersAndBooleansStayStringsWhicheverOrderKindsAreTried() throws {
        let text = #"{"a":"1.5","b":"3","c":"true","d":1.5,"e":3,"f":true,"g":"","h":[]}"#
        let expected: JSONValue = ["a": "1.5", "b": "3", "c": "true", "d": 1.5, "e": 3, "f": true, "g": "", "h": []]
        #expect(try decode(text) == expected)
        #expect(try JSONDecoder.kubernetes().decode(JSONValue.self, from: Data(text.utf8)) == expected)
    }

    @Test func wholeNumbersWrittenWithAFractionAreStillNumbers() throws {
        let value = try decode("1.0")
        #expect(value.doubleValue == 1)
        #expect(value.intValue == 1)
    }

    @Test func integersBeyondInt64BecomeDoubles() throws {
        #expect(try decode("18446744073709551616") == .double(18_446_744_073_709_551_616))
    }

    @Test func anInt64SurvivesARoundTripUnchanged() throws {
        let value: JSONValue = ["resourceVersion": 9_007_199_254_740_993, "ratio": 0.25]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
        #expect(value.canonicalString() == #"{"ratio":0.25,"resourceVersion":9007199254740993}"#)
    }

    @Test func roundTripsArbitraryValues() async {
        await propertyCheck(input: Self.values) { value in
            let data = try JSONEncoder().encode(value)
            #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
        }
    }

    @Test func accessorsReturnNilForOtherKinds() {
        let value: JSONValue = ["s": "text", "i": 3, "d": 2.5, "w": 4.0, "b": true, "a": [1], "n": nil]
        #expect(value["s"]?.stringValue == "text")
        #expect(value["i"]?.intValue == 3)
        #expect(value["i"]?.doubleValue == 3)
        #expect(value["d"]?.intValue == nil)
        #expect(value["w"]?.intValue == 4)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["n"] == .null)
        #expect(value["s"]?.intValue == nil)
        #expect(value["missing"] == nil)
        #expect(JSONValue.string("x")["key"] == nil)
        #expect(value.objectValue?.count == 7)
    }

    @Test func followsPathsThroughNestedObjects() {
        let value: JSONValue = ["spec": ["template": ["replicas": 3]]]
        #expect(value.value(at: ["spec", "template", "replicas"]) == 3)
        #expect(value.value(at: ["spec", "missing", "replicas"]) == nil)
        #expect(value.value(at: []) == value)
    }

    @Test func convertsToAndFromCodableTypesWithKubernetesDates() throws {
        struct Thing: Codable, Equatable { var name: String; var at: Date }
        let thing = Thing(name: "web", at: Date(timeIntervalSince1970: 1_795_168_800))
        let json = try JSONValue(encoding: thing)
        #expect(json == ["at": "2026-11-20T10:00:00Z", "name": "web"])
        #expect(try json.decode(as: Thing.self) == thing)
    }

    // A generator of JSON values up to depth 2 whose doubles have a fractional part (whole
    // doubles are written as integers by JSONEncoder and read back as `.int`).
    private static let scalars = Gen<JSONValue>.oneOf(
        Gen.bool.map { JSONValue.bool($0) },
        Gen.int64(in: Int64.min...Int64.max).map { JSONValue.int($0) },
        Gen.int64(in: -1_000_000...1_000_000).map { JSONValue.double(Double($0) + 0.5) },
        Gen.letterOrNumber.string(of: 0...8).map { JSONValue.string($0) },
        Gen.bool.map { _ in JSONValue.null })
    private static let values = Gen<JSONValue>.oneOf(
        scalars,
        scalars.array(of: 0...4).map { JSONValue.array($0) },
        zip(Gen.letter.string(of: 1...5), scalars).array(of: 0...4).map { pairs in
            JSONValue.object(Dictionary(pairs, uniquingKeysWith: { first, _ in first }))
        })
}
