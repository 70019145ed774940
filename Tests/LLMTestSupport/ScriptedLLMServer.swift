import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A scripted HTTP/1.1 LLM server on 127.0.0.1 for tests and benchmarks.
///
/// It speaks the OpenAI chat-completions (`POST /v1/chat/completions`), Ollama (`POST
/// /api/chat`) and Anthropic Messages (`POST /v1/messages`) wire formats. Each path has a
/// queue of scripted ``Reply`` values consumed one per request, then a default reply (a 500
/// saying nothing was scripted, unless ``setDefault(_:for:)`` says otherwise). Every request
/// is recorded for assertions (prompt contents, redaction, headers). `GET` requests (heartbeat
/// probes) answer `200 {}` unless scripted.
///
/// ```swift
/// let server = try await ScriptedLLMServer.start()
/// defer { Task { try await server.shutdown() } }
/// server.enqueue(.answer(#"{"action":"escalate", ...}"#), for: .openAI)
/// ```
public final class ScriptedLLMServer: Sendable {
    /// The three wire protocols and their chat paths.
    public enum WireProtocol: String, Sendable, CaseIterable {
        /// `POST /v1/chat/completions`.
        case openAI = "/v1/chat/completions"
        /// `POST /api/chat`.
        case ollama = "/api/chat"
        /// `POST /v1/messages`.
        case anthropic = "/v1/messages"

        /// The request path.
        public var path: String { rawValue }
    }

    /// One request as received.
    public struct RecordedRequest: Sendable {
        /// `GET`, `POST`, …
        public var method: String
        /// The path, e.g. `/api/chat`.
        public var path: String
        /// Request headers in order.
        public var headers: [(name: String, value: String)]
        /// The body as text.
        public var body: String

        /// The first header named `name` (case-insensitive).
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// The body parsed as a JSON object (Foundation types), or `nil`.
        public var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
        }
    }

    struct State {
        var queues: [String: [Reply]] = [:]
        var defaults: [String: Reply] = [:]
        var recorded: [RecordedRequest] = []
    }

    let state = Mutex(State())
    private let channel: any Channel
    /// The port it listens on.
    public let port: Int

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts a server on an ephemeral loopback port.
    /// - Throws: when binding fails.
    public static func start() async throws -> ScriptedLLMServer {
        let box = ServerBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScriptedHTTPHandler(server: box))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = ScriptedLLMServer(channel: channel, port: channel.localAddress?.port ?? 0)
        box.server.withLock { $0 = server }
        return server
    }

    /// Stops listening and closes the listening socket (open connections close with the client).
    public func shutdown() async throws {
        try await channel.close()
    }

    /// Appends replies to the queue of `path`.
    public func enqueue(_ replies: Reply..., for path: String) {
        state.withLock { $0.queues[path, default: []].append(contentsOf: replies) }
    }

    /// Appends replies to the chat queue of `wire`.
    public func enqueue(_ replies: Reply..., for wire: WireProtocol) {
        state.withLock { $0.queues[wire.path, default: []].append(contentsOf: replies) }
    }

    /// The reply used for `path` once its queue is empty.
    public func setDefault(_ reply: Reply, for path: String) {
        state.withLock { $0.defaults[path] = reply }
    }

    /// The reply used for `wire`'s chat path once its queue is empty.
    public func setDefault(_ reply: Reply, for wire: WireProtocol) {
        setDefault(reply, for: wire.path)
    }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { state.withLock { $0.recorded } }

    /// Forgets the recorded requests (long runs such as benchmarks call it to stay bounded).
    public func removeRecordedRequests() {
        state.withLock { $0.recorded.removeAll() }
    }

    /// Requests received on `path`.
    public func requests(to path: String) -> [RecordedRequest] { requests.filter { $0.path == path } }

    /// Chat requests received for `wire`.
    public func requests(to wire: WireProtocol) -> [RecordedRequest] { requests(to: wire.path) }

    /// Records `request` and returns the reply to give.
    func nextReply(for request: RecordedRequest) -> Reply {
        state.withLock { state in
            state.recorded.append(request)
            if var queue = state.queues[request.path], !queue.isEmpty {
                let reply = queue.removeFirst()
                state.queues[request.path] = queue
                return reply
            }
            if let reply = state.defaults[request.path] { return reply }
            return request.method == "GET" ? .raw(status: 200, body: "{}") : .raw(status: 500, body: #"{"error":"nothing scripted for \#(request.path)"}"#)
        }
    }
}

/// Lets the channel initializer reach the server created after binding.
final class ServerBox: Sendable {
    let server = Mutex<ScriptedLLMServer?>(nil)
}
