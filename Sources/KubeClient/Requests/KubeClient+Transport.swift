import AsyncHTTPClient
import Foundation
import KubeTypes
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// A complete unary answer.
struct APIResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer
}

extension KubeClient {
    /// Sends a unary request and returns the successful (2xx) answer with its whole body.
    /// - Throws: ``KubeError``: the decoded `Status` for a non-2xx answer, `.transport` when
    ///   there was no answer (task cancellation included).
    func perform(_ request: APIRequest) async throws(KubeError) -> APIResponse {
        let started = ContinuousClock.now
        let meter = APIWaitMeter.current
        meter?.begin()
        defer { meter?.end() }
        let head = try await execute(request, on: unary)
        let body: ByteBuffer
        do {
            body = try await head.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            throw KubeError.transport("reading the response body: \(Self.describe(error))", verb: request.method.rawValue, path: request.pathAndQuery)
        }
        logger.debug("kube request", metadata: [
            "verb": "\(request.method.rawValue)", "path": "\(request.pathAndQuery)",
            "status": "\(head.status.code)", "elapsed": "\(ContinuousClock.now - started)",
        ])
        return APIResponse(status: Int(head.status.code), headers: head.headers, body: body)
    }

    /// Sends `request` on `client` and returns the response head of a 2xx answer, its body
    /// still streaming.
    ///
    /// A 401 with a file-backed token invalidates the cached token and retries once, so a
    /// rotated service-account token is picked up at once.
    /// - Throws: ``KubeError`` decoded from the body of a non-2xx answer, or `.transport`.
    func execute(_ request: APIRequest, on client: HTTPClient) async throws(KubeError) -> HTTPClientResponse {
        var mayRetryUnauthorized = tokens.canRefresh
        while true {
            let target = request.pathAndQuery
            let httpRequest = try makeHTTPRequest(request)
            let response: HTTPClientResponse
            do {
                response = try await client.execute(httpRequest, timeout: .init(configuration.requestTimeout))
            } catch {
                throw KubeError.transport(Self.describe(error), verb: request.method.rawValue, path: target)
            }
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return response }
            let body = (try? await response.body.collect(upTo: 1024 * 1024)) ?? ByteBuffer()
            if status == 401, mayRetryUnauthorized {
                logger.info("401 from the API server; re-reading the token file", metadata: ["path": "\(target)"])
                tokens.invalidate()
                mayRetryUnauthorized = false
                continue
            }
            throw KubeError.fromResponse(
                httpStatus: status, retryAfterHeader: response.headers.first(name: "Retry-After"),
                body: Array(body.readableBytesView), verb: request.method.rawValue, path: target)
        }
    }

    /// The AsyncHTTPClient request for `request`, with credentials and content headers.
    func makeHTTPRequest(_ request: APIRequest) throws(KubeError) -> HTTPClientRequest {
        var httpRequest = HTTPClientRequest(url: configuration.server + request.pathAndQuery)
        httpRequest.method = request.method
        httpRequest.headers.add(name: "Accept", value: request.accept ?? "application/json")
        httpRequest.headers.add(name: "User-Agent", value: "ballast-kubeclient")
        if let token = try tokens.token() {
            httpRequest.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let body = request.body {
            httpRequest.headers.add(name: "Content-Type", value: request.contentType ?? "application/json")
            httpRequest.body = .bytes(body)
        }
        return httpRequest
    }

    /// A transport failure in words a person can act on.
    static func describe(_ error: any Error) -> String {
        if error is CancellationError { return "the request was cancelled" }
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded { return "no response head within the request timeout" }
            if error == .readTimeout { return "the connection went silent (read timeout)" }
            if error == .cancelled { return "the request was cancelled" }
        }
        return "\(error)"
    }

    /// Decodes `body` as `T`, naming the request and the type on failure.
    func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer, request: APIRequest) throws(KubeError) -> T {
        do {
            return try JSONDecoder.kubernetes().decode(T.self, from: body)
        } catch {
            throw KubeError.decoding(
                "cannot decode \(T.self): \(error)", verb: request.method.rawValue, path: request.pathAndQuery)
        }
    }

    /// Encodes `value` as a JSON request body.
    func encode<T: Encodable>(_ value: T, for path: String) throws(KubeError) -> ByteBuffer {
        do {
            return ByteBuffer(data: try JSONEncoder.kubernetes().encode(value))
        } catch {
            throw KubeError.configuration("cannot encode \(T.self) as JSON: \(error)", path: path)
        }
    }
}
