import AsyncHTTPClient
import Foundation
import KubeTypes
import NIOCore
import Testing
@testable import KubeClient

@Suite("Watch stream iteration without a server")
struct WatchStreamTests {
    static func stream(_ chunks: [String], deadline: Duration = .seconds(30)) -> WatchStream<ConfigMap> {
        let (bytes, continuation) = AsyncStream<ByteBuffer>.makeStream()
        for chunk in chunks { continuation.yield(ByteBuffer(string: chunk)) }
        continuation.finish()
        return WatchStream(body: .stream(bytes), deadline: .now + deadline, verb: "WATCH", path: "/api/v1/configmaps")
    }

    static func configMap(_ type: String, _ name: String, _ version: String) -> String {
        #"{"type":"\#(type)","object":{"kind":"ConfigMap","metadata":{"name":"\#(name)","resourceVersion":"\#(version)"}}}"#
    }

    @Test func eventsSplitAcrossChunksDecodeInOrder() async throws {
        let text = [Self.configMap("ADDED", "a", "1"), Self.configMap("MODIFIED", "a", "2"),
                    #"{"type":"BOOKMARK","object":{"kind":"ConfigMap","metadata":{"resourceVersion":"3"}}}"#,
                    Self.configMap("DELETED", "a", "4")].joined(separator: "\n")
        let bytes = Array(text.utf8)
        let chunks = stride(from: 0, to: bytes.count, by: 37).map { String(decoding: bytes[$0..<min($0 + 37, bytes.count)], as: UTF8.self) }
        var versions: [String] = []
        for try await event in Self.stream(chunks) {
            versions.append(event.resourceVersion ?? "?")
        }
        #expect(versions == ["1", "2", "3", "4"])
    }

    @Test func errorEventEndsTheStreamWithExpired() async throws {
        let expired = #"{"type":"ERROR","object":{"kind":"Status","status":"Failure","message":"too old resource version: 5 (9)","reason":"Expired","code":410}}"#
        var iterator = Self.stream([Self.configMap("ADDED", "a", "1") + "\n" + expired + "\n" + Self.configMap("ADDED", "b", "2") + "\n"]).makeAsyncIterator()
        #expect(try await iterator.next()?.object?.metadata.name == "a")
        do throws(KubeError) {
            _ = try await iterator.next()
            Issue.record("the ERROR event did not throw")
        } catch {
            #expect(error.code == .expired)
            #expect(error.path == "/api/v1/configmaps")
        }
        #expect(try await iterator.next() == nil)
    }

    @Test func undecodableLineIsADecodingError() async throws {
        var iterator = Self.stream(["{\"type\":\"ADDED\",\"object\":{\"metadata\":7}}\n"]).makeAsyncIterator()
        do throws(KubeError) {
            _ = try await iterator.next()
            Issue.record("a malformed event decoded")
        } catch {
            #expect(error.code == .decoding)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func silentConnectionPastTheDeadlineIsATransportError() async throws {
        let (bytes, continuation) = AsyncStream<ByteBuffer>.makeStream()
        continuation.yield(ByteBuffer(string: Self.configMap("ADDED", "a", "1") + "\n"))
        let stream = WatchStream<ConfigMap>(body: .stream(bytes), deadline: .now + .milliseconds(300), verb: "WATCH", path: "/w")
        var iterator = stream.makeAsyncIterator()
        #expect(try await iterator.next()?.object?.metadata.name == "a")
        // The stream stays open and silent until the end of the test: only the deadline can
        // end this `next()` (without it, the test hits its time limit).
        do throws(KubeError) {
            _ = try await iterator.next()
            Issue.record("a silent stream did not time out")
        } catch {
            #expect(error.code == .transport)
            #expect(error.message.contains("silent"))
        }
        continuation.finish()
    }
}
