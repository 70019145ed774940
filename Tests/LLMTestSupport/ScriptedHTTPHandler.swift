import NIOCore
import NIOHTTP1

/// One connection of ``ScriptedLLMServer``: collects a request, asks the server for the
/// scripted reply and performs it (answer, status, delay, hang or drop).
final class ScriptedHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: ServerBox
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(server: ServerBox) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head, let server = server.server.withLock({ $0 }) else { return }
            let text = String(buffer: body)
            let request = ScriptedLLMServer.RecordedRequest(
                method: head.method.rawValue, path: String(head.uri.split(separator: "?").first ?? ""),
                headers: head.headers.map { ($0.name, $0.value) }, body: text)
            perform(server.nextReply(for: request), path: request.path, requestBody: text, context: context)
        }
    }

    private func perform(_ reply: ScriptedLLMServer.Reply, path: String, requestBody: String, context: ChannelHandlerContext) {
        switch reply {
        case .hang:
            return
        case .drop:
            context.close(promise: nil)
        case .delayed(let wait, let next):
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let nanoseconds = Int64(wait.components.seconds) * 1_000_000_000 + Int64(wait.components.attoseconds / 1_000_000_000)
            context.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
                let (handler, context) = bound.value
                handler.perform(next, path: path, requestBody: requestBody, context: context)
            }
        default:
            guard let rendered = ScriptedLLMServer.render(reply, path: path, requestBody: requestBody) else { return }
            var buffer = context.channel.allocator.buffer(capacity: rendered.body.utf8.count)
            buffer.writeString(rendered.body)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(buffer.readableBytes))
            for (name, value) in rendered.headers { headers.add(name: name, value: value) }
            let responseHead = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: rendered.status), headers: headers)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
