import Foundation
import KubeTypes
import PropertyBased
import Testing

@Suite struct QuantityTests {
    @Test(arguments: [
        ("250m", 250), ("1", 1000), ("1.5", 1500), ("0.1", 100), ("1.1", 1100), ("2.2", 2200),
        ("+3", 3000), ("1k", 1_000_000), ("1M", 1_000_000_000), ("1Ki", 1_024_000),
        ("512Mi", 536_870_912_000), ("1.5Gi", 1_610_612_736_000), ("1e3", 1_000_000),
        ("1E3", 1_000_000), ("5e-3", 5), ("1P", 1_000_000_000_000_000_000), ("0.0001", 1),
        ("2.007", 2007), ("2.007Mi", 2_104_492_032), ("4.35k", 4_350_000), ("0e99", 0), ("5e-99", 1),
        ("1.", 1000), (".5", 500),
        ("1Ti", 1_099_511_627_776_000),
    ] as [(String, Int64)])
    func parsesToExactMilliUnits(text: String, milli: Int64) throws {
        let quantity = try Quantity(parsing: text)
        #expect(quantity.milliValue == milli)
        #expect(quantity.text == text)
    }

    @Test(arguments: [
        ("", "expected a non-negative number"), ("-1", "expected a non-negative number"),
        ("Mi", "expected a non-negative number"), ("5Xi", "unknown suffix 'Xi'"),
        ("1.2.3", "expected a non-negative number"), ("9Ei", "too large"), ("1E", "too large"),
        ("1mi", "unknown suffix 'mi'"), ("1e99", "too large"), ("+", "expected a non-negative number"),
        ("١", "expected a non-negative number"),
    ])
    func rejectsMalformedTextSayingWhy(text: String, reason: String) {
        #expect {
            try Quantity(parsing: text)
        } throws: { error in
            guard let error = error as? Quantity.ParseError else { return false }
            return error.input == text && error.reason.contains(reason)
        }
    }

    @Test func comparesByValueAcrossSuffixes() throws {
        #expect(try Quantity(parsing: "1Gi") > Quantity(parsing: "1G"))
        #expect(try Quantity(parsing: "1000m") == Quantity(parsing: "1"))
        #expect(try Quantity(parsing: "1024Mi") == Quantity(parsing: "1Gi"))
        #expect(try Quantity(parsing: "0.5") < Quantity(parsing: "501m"))
        #expect(try Set([Quantity(parsing: "1k"), Quantity(parsing: "1000")]).count == 1)
    }

    @Test(arguments: [
        (0, "0"), (1023, "1023"), (1024, "1Ki"), (536_870_912, "512Mi"), (1_610_612_736, "1536Mi"),
        (3 << 30, "3Gi"), (2 << 40, "2Ti"),
    ] as [(Int64, String)])
    func bytesUseTheLargestExactBinarySuffix(bytes: Int64, text: String) throws {
        let quantity = Quantity(bytes: bytes)
        #expect(quantity.text == text)
        #expect(quantity.value == bytes)
        #expect(try Quantity(parsing: text) == quantity)
    }

    @Test func hugeByteCountsSaturateInsteadOfTrapping() {
        let quantity = Quantity(bytes: Int64.max / 10)
        #expect(quantity.milliValue == Int64.max)
        #expect(quantity.value > 0)
    }

    @Test(arguments: [(250, "250m"), (2000, "2"), (1500, "1500m")] as [(Int64, String)])
    func millicoresWriteWholeCoresWhenExact(millicores: Int64, text: String) {
        #expect(Quantity(millicores: millicores).text == text)
        #expect(Quantity(millicores: millicores).milliValue == millicores)
    }

    @Test func valueRoundsUpToWholeUnits() throws {
        #expect(try Quantity(parsing: "1500m").value == 2)
        #expect(try Quantity(parsing: "2").value == 2)
    }

    @Test func decodesStringsAndNumbersAndEncodesTheText() throws {
        let decoded = try JSONDecoder().decode(
            [String: Quantity].self, from: Data(#"{"a":"512Mi","b":2,"c":0.5}"#.utf8))
        #expect(decoded["a"]?.milliValue == 536_870_912_000)
        #expect(decoded["b"]?.milliValue == 2000)
        #expect(decoded["c"]?.milliValue == 500)
        let encoded = try JSONEncoder().encode(decoded["a"])
        #expect(String(decoding: encoded, as: UTF8.self) == #""512Mi""#)
    }

    @Test func decodingAHugeNumberFailsInsteadOfTrapping() {
        #expect {
            try JSONDecoder().decode([Quantity].self, from: Data("[1e20]".utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription.contains("too large")
        }
    }

    @Test func decodingMalformedTextNamesTheValue() {
        #expect {
            try JSONDecoder().decode([Quantity].self, from: Data(#"["lots"]"#.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription.contains("'lots' is not a quantity")
        }
    }

    @Test func binaryTextRoundTripsThroughTheParser() async {
        await propertyCheck(input: Gen.int64(in: 0...(1 << 42))) { bytes in
            let quantity = Quantity(bytes: bytes)
            let parsed = try Quantity(parsing: quantity.text)
            #expect(parsed.milliValue == bytes * 1000)
        }
    }

    @Test func decimalMilliTextParsesExactly() async {
        await propertyCheck(input: Gen.int64(in: 0...10_000_000), Gen.int(in: 0...2).map { ["", "k", "M"][$0] }) { milli, suffix in
            let whole = milli / 1000
            let fraction = String(format: "%03lld", milli % 1000)
            let text = "\(whole).\(fraction)\(suffix)"
            let factor: Int64 = suffix == "k" ? 1000 : suffix == "M" ? 1_000_000 : 1
            let parsed = try Quantity(parsing: text)
            #expect(parsed.milliValue == milli * factor)
        }
    }

    @Test func everyParsedQuantityMatchesTheSchemaPattern() throws {
        let pattern = try Regex(Quantity.schemaPattern)
        for text in ["250m", "1", "1.5", "+3", "512Mi", "1e3", "5e-3", "1E", "1Ki", "1.", ".5"] {
            #expect(text.wholeMatch(of: pattern) != nil, "\(text)")
        }
        for text in ["-1", "Mi", "1mi", "1 Gi", "5Xi", "1.2.3", ".", "+", "1e", "..5"] {
            #expect(text.wholeMatch(of: pattern) == nil, "\(text)")
        }
    }

    /// What the API server lets through (the CRD pattern) must parse in the operator, or a valid
    /// object would be rejected at reconcile time; the only exception is the magnitude limit.
    @Test func whatTheSchemaPatternAcceptsParsesUnlessTooLarge() async throws {
        let pattern = try Regex(Quantity.schemaPattern)
        let alphabet = Array("0123456789.+mkMGTKie-")
        let texts = Gen.int(in: 0...(alphabet.count - 1)).map { alphabet[$0] }.array(of: 1...5).map { String($0) }
        await propertyCheck(count: 3000, input: texts) { text in
            guard text.wholeMatch(of: pattern) != nil else { return }
            do throws(Quantity.ParseError) {
                _ = try Quantity(parsing: text)
            } catch {
                #expect(error.reason == "too large", "\(error)")
            }
        }
    }
}
