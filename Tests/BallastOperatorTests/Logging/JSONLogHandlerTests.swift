import Foundation
import Logging
import PropertyBased
import Synchronization
import Testing
@testable import BallastOperator

/// Collects the lines a handler writes.
final class LineCollector: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    var sink: JSONLogHandler.Sink { { line in self.storage.withLock { $0.append(line) } } }

    /// Every line decoded as a JSON object (fails the test for a line that is not one).
    func objects(sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        try lines.map { line in
            #expect(line.hasSuffix("\n") && line.dropLast().contains("\n") == false, "not one line: \(line)", sourceLocation: sourceLocation)
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: Any], sourceLocation: sourceLocation)
        }
    }
}

@Suite struct JSONLogHandlerTests {
    static let fixedTime = Date(timeIntervalSince1970: 1_795_000_000.5)

    func logger(level: Logger.Level = .info, _ collector: LineCollector) -> Logger {
        Logger(label: "ballast.test") { label in
            JSONLogHandler(label: label, level: level, sink: collector.sink, clock: { Self.fixedTime })
        }
    }

    @Test func aRecordHasTheFixedKeysAndFlattenedMetadata() throws {
        let collector = LineCollector()
        var logger = logger(collector)
        logger[metadataKey: "controller"] = "remediationrequest"
        logger.info("reconciled", metadata: [
            "request": "shop/oom-1", "attempt": .stringConvertible(2),
            "labels": ["app": "web"], "ids": ["a", "b"],
        ])
        let record = try #require(try collector.objects().first)
        #expect(record["ts"] as? String == "2026-11-18T11:06:40.500Z")
        #expect(record["level"] as? String == "info")
        #expect(record["logger"] as? String == "ballast.test")
        #expect(record["msg"] as? String == "reconciled")
        #expect(record["controller"] as? String == "remediationrequest")
        #expect(record["request"] as? String == "shop/oom-1")
        #expect(record["attempt"] as? String == "2")
        #expect(record["labels"] as? String == #"["app": "web"]"#)
        #expect(record["ids"] as? String == #"["a", "b"]"#)
        #expect(record["source"] == nil)  // only at debug
    }

    @Test func debugRecordsCarryTheirSourceLine() throws {
        let collector = LineCollector()
        logger(level: .debug, collector).debug("looking closer"); let line = #line
        let record = try #require(try collector.objects().first)
        #expect(record["source"] as? String == "\(#fileID):\(line)")
    }

    @Test func recordsBelowTheLevelAreDropped() {
        let collector = LineCollector()
        let logger = logger(level: .warning, collector)
        logger.info("quiet")
        logger.warning("loud")
        #expect(collector.lines.count == 1)
    }

    @Test func metadataCannotOverwriteTheFixedKeys() throws {
        let collector = LineCollector()
        logger(collector).error("boom", metadata: ["msg": "sneaky", "level": "debug", "ts": "0"])
        let record = try #require(try collector.objects().first)
        #expect(record["msg"] as? String == "boom")
        #expect(record["level"] as? String == "error")
        #expect(record["_msg"] as? String == "sneaky")
        #expect(record["_level"] as? String == "debug")
        #expect(record["_ts"] as? String == "0")
    }

    @Test(arguments: [
        "say \"hi\"", "back\\slash", "two\nlines\r\n", "tab\there", "nul\u{0}and\u{1F}bell\u{7}", "del\u{7F}",
        "line\u{2028}separator\u{2029}", "ünïcødé — 日本語 🚀👩‍👩‍👧", "{\"json\": [1,2]}", "",
    ])
    func awkwardTextStaysOneValidLine(text: String) throws {
        let collector = LineCollector()
        logger(collector).info("\(text)", metadata: ["detail": "\(text)"])
        let record = try #require(try collector.objects().first)
        #expect(record["msg"] as? String == text)
        #expect(record["detail"] as? String == text)
    }

    @Test func anyTextRoundTrips() async {
        let text = Gen.oneOf(
            Gen.ascii, Gen.character(in: "\u{80}"..."\u{D7FF}"), Gen.character(in: "\u{E000}"..."\u{10FFFF}")
        ).string(of: 0...40)
        await propertyCheck(input: text, text) { message, value in
            let collector = LineCollector()
            logger(collector).notice("\(message)", metadata: ["value": "\(value)"])
            let records = try? collector.objects()
            #expect(records?.count == 1)
            #expect(records?.first?["msg"] as? String == message)
            #expect(records?.first?["value"] as? String == value)
        }
    }

    @Test func theTextFactoryHonoursTheLevel() {
        let handler = LoggingBootstrap.handlerFactory(format: .text, level: .error)("ballast.test")
        #expect(handler.logLevel == .error)
        #expect(handler is StreamLogHandler)
        let json = LoggingBootstrap.handlerFactory(format: .json, level: .debug)("ballast.test")
        #expect(json.logLevel == .debug)
        #expect((json as? JSONLogHandler)?.label == "ballast.test")
    }
}
