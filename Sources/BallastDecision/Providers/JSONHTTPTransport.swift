import AsyncHTTPClient
import Foundation
import KubeTypes
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// JSON over HTTP for providers: one POST or GET with a hard deadline covering the whole
/// exchange (AsyncHTTPClient's own deadline covers only the response head), HTTP status mapped
/// to ``ProviderError``, and retries per ``RetryPolicy`` honouring `Retry-After`.
struct JSONHTTPTransport: Sendable {
    /// Largest response body read (4 MiB); bigger bodies are an invalid response.
    static let maximumBodyBytes = 4 * 1024 * 1024

    let client: HTTPClient
    let timeout: Duration
    let retry: RetryPolicy

    /// Sends `body` (or a GET when `nil`) to `url`, retrying retryable failures.
    func send(_ method: HTTPMethod, url: String, headers: [(String, String)], body: JSONValue?) async throws(ProviderError) -> JSONValue {
        var attempt = 1
        while true {
            do {
                return try await sendOnce(method, url: url, headers: headers, body: body)
            } catch {
                let retryAfter: Duration? = if case .rateLimited(let after) = error { after } else { nil }
                guard error.isRetryable,
                    let delay = retry.delay(afterAttempt: attempt, retryAfter: retryAfter, jitter: Double.random(in: 0..<1))
                else { throw error }
                do { try await Task.sleep(for: delay) } catch { throw .connection("cancelled while waiting to retry (\(error))") }
                attempt += 1
            }
        }
    }

    private func sendOnce(_ method: HTTPMethod, url: String, headers: [(String, String)], body: JSONValue?) async throws(ProviderError) -> JSONValue {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: JSONText.render(body)))
        }
        let (status, responseHeaders, bytes) = try await withDeadline(timeout) { [client, request] in
            let response = try await client.execute(request, deadline: .distantFuture)
            let buffer = try await response.body.collect(upTo: Self.maximumBodyBytes)
            return (response.status.code, response.headers, Data(buffer: buffer))
        }
        let text = String(decoding: bytes.prefix(2048), as: UTF8.self)
        switch status {
        case 200..<300: break
        case 429:
            let after = responseHeaders.first(name: "Retry-After").flatMap { RetryPolicy.parseRetryAfter($0, now: Date()) }
            throw .rateLimited(retryAfter: after)
        case 500..<600: throw .server(status: Int(status), body: text)
        default: throw .rejected(status: Int(status), body: text)
        }
        do {
            let parsed = try StrictJSONParser.parseValue(in: Array(bytes), from: 0)
            return parsed.value
        } catch {
            throw .invalidResponse("body is not JSON (\(error.message) at byte \(error.offset)): \(text.prefix(200))")
        }
    }

    /// Runs `operation`, failing with ``ProviderError/timeout(_:)`` once `limit` has passed;
    /// transport errors become ``ProviderError/connection(_:)``.
    private func withDeadline<Value: Sendable>(
        _ limit: Duration, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws(ProviderError) -> Value {
        do {
            return try await withThrowingTaskGroup(of: Value?.self) { group in
                group.addTask { try await operation() }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else { throw ProviderError.timeout(limit) }
                return value
            }
        } catch let error as ProviderError {
            throw error
        } catch is CancellationError {
            throw .timeout(limit)
        } catch {
            throw .connection(String(describing: error))
        }
    }
}
