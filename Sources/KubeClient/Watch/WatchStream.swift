import AsyncHTTPClient
import Foundation
import KubeTypes
import NIOCore
import NIOFoundationCompat

/// The events of one watch request, decoded as they arrive.
///
/// The stream ends (`nil`) when the server closes the watch, normally after
/// `timeoutSeconds`. It throws ``KubeError`` when the server sends an `ERROR` event (`.expired`
/// for a `resourceVersion` that is too old: relist), when the connection stays silent past the
/// client's deadline (`.transport`), or when a line cannot be decoded (`.decoding`). The body
/// is read line by line and never buffered whole; one line may hold at most
/// ``WatchStream/maxLineBytes``. Iterate it once.
public struct WatchStream<Object: KubernetesObject>: AsyncSequence, Sendable {
    public typealias Element = WatchEvent<Object>
    public typealias Failure = KubeError

    /// The longest accepted event line (one serialized object).
    public static var maxLineBytes: Int { 16 * 1024 * 1024 }

    let body: HTTPClientResponse.Body
    let deadline: ContinuousClock.Instant
    let verb: String
    let path: String

    /// Starts reading the stream.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(
            body: BodyIterator(body.makeAsyncIterator()), splitter: LineSplitter(maxLineBytes: Self.maxLineBytes),
            deadline: deadline, verb: verb, path: path)
    }

    /// Reads events one line at a time.
    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Failure = KubeError

        let body: BodyIterator
        var splitter: LineSplitter
        let deadline: ContinuousClock.Instant
        let verb: String
        let path: String
        let decoder = JSONDecoder.kubernetes()
        var finished = false

        /// The next event; `nil` when the server closed the watch.
        /// - Throws: ``KubeError`` (see ``WatchStream``); the stream is finished afterwards.
        public mutating func next() async throws(KubeError) -> WatchEvent<Object>? {
            while !finished {
                if let line = splitter.nextLine() {
                    if let event = try decodeLine(line) { return event }
                    continue
                }
                guard let chunk = try await nextChunk() else {
                    finished = true
                    guard let last = splitter.remainder() else { return nil }
                    return try decodeLine(last)
                }
                do {
                    try splitter.append(chunk)
                } catch {
                    finished = true
                    throw KubeError.decoding("a watch event exceeds \(error.limit) bytes", verb: verb, path: path)
                }
            }
            return nil
        }

        private mutating func decodeLine(_ line: ByteBuffer) throws(KubeError) -> WatchEvent<Object>? {
            guard line.readableBytesView.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else {
                return nil
            }
            let frame: WatchFrame<Object>
            do {
                frame = try decoder.decode(WatchFrame<Object>.self, from: line)
            } catch {
                finished = true
                throw KubeError.decoding("cannot decode a watch event of \(Object.self): \(error)", verb: verb, path: path)
            }
            switch frame {
            case .event(let event):
                return event
            case .error(let status):
                finished = true
                throw KubeError.fromWatchStatus(status, verb: verb, path: path)
            }
        }

        private mutating func nextChunk() async throws(KubeError) -> ByteBuffer? {
            do {
                return try await Self.next(of: body, before: deadline)
            } catch let error as KubeError {
                finished = true
                throw error
            } catch {
                finished = true
                throw KubeError.transport("watch stream failed: \(KubeClient.describe(error))", verb: verb, path: path)
            }
        }

        /// Races the next chunk against the deadline; a connection silent past it is dead.
        private static func next(of body: BodyIterator, before deadline: ContinuousClock.Instant) async throws -> ByteBuffer? {
            let outcome = try await withThrowingTaskGroup(of: ChunkOutcome.self) { group in
                group.addTask { .chunk(try await body.next()) }
                group.addTask {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    return .deadlinePassed
                }
                defer { group.cancelAll() }
                return try await group.next() ?? .deadlinePassed
            }
            switch outcome {
            case .chunk(let chunk): return chunk
            case .deadlinePassed:
                throw KubeError.transport("the watch connection stayed silent past its deadline; it is presumed dead")
            }
        }
    }
}

/// The result of racing a body read against the watch deadline.
private enum ChunkOutcome: Sendable {
    case chunk(ByteBuffer?)
    case deadlinePassed
}

/// The response body's iterator, made shareable with the child task that reads it.
///
/// `@unchecked Sendable` is sound because exactly one task touches the iterator at a time: the
/// watch iterator awaits the task group that reads it, and the group does not return before
/// that child task has finished.
final class BodyIterator: @unchecked Sendable {
    private var iterator: HTTPClientResponse.Body.AsyncIterator

    init(_ iterator: HTTPClientResponse.Body.AsyncIterator) {
        self.iterator = iterator
    }

    func next() async throws -> ByteBuffer? {
        try await iterator.next()
    }
}
