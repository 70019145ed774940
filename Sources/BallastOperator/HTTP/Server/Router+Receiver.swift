import Hummingbird

extension Router {
    /// Adds `POST /api/v1/alerts`: bearer-authenticated, body bounded while it streams, then
    /// handed to `receiver`.
    ///
    /// Answers: 200 (recorded), 400 (invalid payload; message names the fields), 401 (no Bearer
    /// credentials; `WWW-Authenticate` set), 403 (wrong token), 413 (body over the limit), 503
    /// with `Retry-After` (token not configured, sink failed or timed out, too busy).
    public func addAlertReceiver(_ receiver: AlertReceiver, authenticator: BearerTokenAuthenticator) {
        post(RouterPath(stringLiteral: AlertReceiver.webhookPath)) { request, _ -> Response in
            let reply = await Self.receive(request, receiver: receiver, authenticator: authenticator)
            return Response(reply)
        }
    }

    private static func receive(
        _ request: Request, receiver: AlertReceiver, authenticator: BearerTokenAuthenticator
    ) async -> ReceiverReply {
        switch authenticator.verify(authorization: request.headers[.authorization]) {
        case .allowed:
            break
        case .missingCredentials:
            return receiver.refuse(ReceiverReply(status: 401, message: "missing Bearer credentials"))
        case .invalidToken:
            return receiver.refuse(ReceiverReply(status: 403, message: "Bearer token not accepted"))
        case .unavailable(let problem):
            return receiver.refuse(.unavailable(problem, retryAfter: receiver.retryAfterSeconds))
        }
        let limit = receiver.maxBodyBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            return receiver.refuse(.tooLarge(limit: limit))
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return receiver.refuse(.tooLarge(limit: limit))
        } catch {
            return receiver.refuse(.badRequest("body: could not be read (\(error))"))
        }
        return await receiver.receive(body: Array(body.readableBytesView))
    }
}

extension Response {
    /// A plain-text response for a receiver reply, with `Retry-After` or `WWW-Authenticate` when due.
    init(_ reply: ReceiverReply) {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
        if let retryAfter = reply.retryAfter {
            headers[.retryAfter] = String(retryAfter)
        }
        if reply.status == 401 {
            headers[.wwwAuthenticate] = "Bearer realm=\"ballast\""
        }
        self.init(
            status: HTTPResponse.Status(code: reply.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: reply.message + "\n")))
    }
}
