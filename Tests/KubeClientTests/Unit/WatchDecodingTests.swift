import Foundation
import KubeTypes
import NIOCore
import Testing
@testable import KubeClient

@Suite("Watch stream decoding")
struct WatchDecodingTests {
    static func lines(of text: String, chunkSize: Int, maxLineBytes: Int = 1024) throws -> [String] {
        var splitter = LineSplitter(maxLineBytes: maxLineBytes)
        var result: [String] = []
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            try splitter.append(ByteBuffer(bytes: bytes[offset..<end]))
            while let line = splitter.nextLine() { result.append(String(buffer: line)) }
            offset = end
        }
        if let rest = splitter.remainder() { result.append(String(buffer: rest)) }
        return result
    }

    @Test(arguments: [1, 2, 3, 7, 64, 10_000])
    func splitsLinesRegardlessOfChunking(chunkSize: Int) throws {
        let text = "{\"a\":1}\n{\"b\":2}\n\n{\"c\":3}"
        #expect(try Self.lines(of: text, chunkSize: chunkSize) == ["{\"a\":1}", "{\"b\":2}", "", "{\"c\":3}"])
    }

    @Test func refusesALineBeyondTheBound() {
        let long = String(repeating: "x", count: 100)
        #expect(throws: LineSplitter.LineTooLong(limit: 64)) {
            try Self.lines(of: long + "\n", chunkSize: 10, maxLineBytes: 64)
        }
        #expect(throws: Never.self) {
            try Self.lines(of: String(repeating: "y\n", count: 200), chunkSize: 150, maxLineBytes: 64)
        }
    }

    static func frame(_ json: String) throws -> WatchFrame<ConfigMap> {
        try JSONDecoder.kubernetes().decode(WatchFrame<ConfigMap>.self, from: Data(json.utf8))
    }

    @Test func decodesEachEventType() throws {
        let object = #"{"metadata":{"name":"c","namespace":"n","resourceVersion":"7"},"data":{"k":"v"}}"#
        for (type, check) in [
            ("ADDED", { (event: WatchEvent<ConfigMap>) in if case .added = event { return true } else { return false } }),
            ("MODIFIED", { if case .modified = $0 { return true } else { return false } }),
            ("DELETED", { if case .deleted = $0 { return true } else { return false } }),
        ] {
            guard case .event(let event) = try Self.frame(#"{"type":"\#(type)","object":\#(object)}"#) else {
                Issue.record("\(type) did not decode as an event")
                continue
            }
            #expect(check(event), "\(type)")
            #expect(event.object?.data == ["k": "v"])
            #expect(event.resourceVersion == "7")
        }
    }

    @Test func decodesBookmarksAndErrors() throws {
        let bookmark = try Self.frame(#"{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"12345","creationTimestamp":null}}}"#)
        guard case .event(.bookmark(let version)) = bookmark else {
            Issue.record("not a bookmark: \(bookmark)")
            return
        }
        #expect(version == "12345")
        let error = try Self.frame(#"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}"#)
        guard case .error(let status) = error else {
            Issue.record("not an error: \(error)")
            return
        }
        #expect(status.code == 410)
        #expect(KubeError.fromWatchStatus(status, verb: nil, path: nil).code == .expired)
    }

    @Test func unknownEventTypeIsADecodingError() {
        #expect(throws: DecodingError.self) { try Self.frame(#"{"type":"SOMETHING","object":{}}"#) }
    }
}
