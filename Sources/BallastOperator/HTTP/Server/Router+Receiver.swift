import Hummingbird

extension Router {
    /// Adds `POST /api/v1/alerts`: bearer-authenticated, body bounded while it streams, then
    /// handed to `receiver`.
    ///
    /// Answers: 200 (recorded; alerts the API server refused for good or outside the operator's
    /// namespaces are counted and named in the message), 400 (invalid payload; message names the
    /// fields), 401 (no Bearer credentials; `WWW-Authenticate` set), 403 (wrong token), 413 (body
    /// over the limit), 503 with `Retry-After` (token not configured, transient API failure or
    /// timeout, too busy: checked before the body is read).
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
        // The receiver holds a concurrency place while the body streams in, not only while it is processed.
        return await receiver.receive { () async -> NotificationBody in
            do {
                return .bytes(Array(try await request.body.collect(upTo: limit).readableBytesView))
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                return .refused(.tooLarge(limit: limit))
            } catch {
                return .refused(.badRequest("body: could not be read (\(error))"))
            }
        }
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
