import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BallastOperator

@Suite struct OperatorHTTPRoutesTests {
    @Test func validNotificationIsRecorded() async throws {
        let server = try TestServer()
        try await server.application().test(.router) { client in
            try await client.execute(
                uri: "/api/v1/alerts", method: .post, headers: TestServer.authorized,
                body: ByteBuffer(bytes: Payloads.firing())
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "created 1, deduplicated 0, resolved 0, unmatched 0\n")
            }
        }
        #expect(await server.sink.requests.count == 1)
    }

    @Test(arguments: [
        (nil, HTTPResponse.Status.unauthorized),
        ("Basic Zm9vOmJhcg==", .unauthorized),
        ("Bearer not-the-token", .forbidden),
    ] as [(String?, HTTPResponse.Status)])
    func unauthenticatedRequestsCreateNothing(header: String?, status: HTTPResponse.Status) async throws {
        let server = try TestServer()
        var fields: HTTPFields = [.contentType: "application/json"]
        if let header { fields[.authorization] = header }
        let headers = fields
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/alerts", method: .post, headers: headers, body: ByteBuffer(bytes: Payloads.firing())) { response in
                #expect(response.status == status)
                if status == .unauthorized {
                    #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"ballast\"")
                }
            }
        }
        #expect(await server.sink.firingCalls.isEmpty)
    }

    @Test func missingTokenFileAnswers503() async throws {
        let server = try TestServer()
        try FileManager.default.removeItem(atPath: server.tokenFile)
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/alerts", method: .post, headers: TestServer.authorized, body: ByteBuffer(bytes: Payloads.firing())) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                #expect(String(buffer: response.body).contains("cannot be read"))
            }
        }
    }

    @Test func malformedJSONGets400NamingTheField() async throws {
        let server = try TestServer()
        var alert = Payloads.alert()
        alert["fingerprint"] = nil
        let body = Payloads.firing([alert])
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/alerts", method: .post, headers: TestServer.authorized, body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body) == "invalid Alertmanager payload: alerts[0].fingerprint: missing\n")
            }
            try await client.execute(uri: "/api/v1/alerts", method: .post, headers: TestServer.authorized, body: ByteBuffer(string: "{not json")) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).hasPrefix("invalid Alertmanager payload: body: not valid JSON"))
            }
        }
        #expect(await server.sink.firingCalls.isEmpty)
    }

    @Test func oversizedBodyGets413() async throws {
        let server = try TestServer(limits: ReceiverLimits(maxBodyBytes: 512))
        let big = Payloads.firing([Payloads.alert(annotations: ["description": String(repeating: "x", count: 2000)])])
        try await server.application().test(.live) { client in
            try await client.execute(uri: "/api/v1/alerts", method: .post, headers: TestServer.authorized, body: ByteBuffer(bytes: big)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(String(buffer: response.body) == "body: larger than the limit of 512 bytes\n")
            }
        }
        #expect(await server.sink.firingCalls.isEmpty)
    }

    @Test func sinkOutageGets503WithRetryAfter() async throws {
        let server = try TestServer()
        await server.sink.fail(with: SinkDown())
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/alerts", method: .post, headers: TestServer.authorized, body: ByteBuffer(bytes: Payloads.firing())) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                #expect(String(buffer: response.body).contains("API server unreachable"))
            }
            // The server keeps serving after a failure.
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func readinessFollowsCachesAndLeaderRole() async throws {
        let server = try TestServer()
        server.readiness.expectCache("remediationrequests")
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == "cache remediationrequests: not synced\nleader election: role not known yet\n")
            }
            server.readiness.markCacheSynced("remediationrequests")
            server.readiness.setRole(.follower)
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(String(buffer: response.body) == "ok\n")
            }
        }
    }

    @Test func metricsEndpointRendersTheRegistry() async throws {
        let server = try TestServer()
        server.metrics.recordPolicyDenial(reasons: [.coolingOff])
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/alerts", method: .post, headers: TestServer.authorized, body: ByteBuffer(bytes: Payloads.firing())) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let text = String(buffer: response.body)
                #expect(text.contains(#"ballast_policy_denials_total{reason="CoolingOff"} 1"#))
                #expect(text.contains(#"ballast_receiver_alerts_total{status="firing",result="created"} 1"#))
                #expect(text.contains(#"ballast_receiver_notifications_total{code="200"} 1"#))
                #expect(text.contains("ballast_emergency_stop_active 0"))
            }
        }
    }

    @Test func listenersServeOnlyTheirEndpoints() async throws {
        let server = try TestServer(endpoints: [.metrics, .probes])
        try await server.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/alerts", method: .post, headers: TestServer.authorized, body: ByteBuffer(bytes: Payloads.firing())) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}

@Suite struct ReceiverStreamingLimitTests {
    /// A chunked body with no Content-Length is cut off once it passes the limit: the server
    /// answers 413 while the body is still unfinished.
    @Test func chunkedBodyIsRefusedWhileStreaming() async throws {
        let server = try TestServer(limits: ReceiverLimits(maxBodyBytes: 1024))
        try await server.application().test(.live) { client in
            let port = try #require(client.port)
            let connection = try RawHTTPConnection(port: port)
            connection.send(
                "POST /api/v1/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(TestServer.token)\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            // 16 KiB in 4 KiB chunks, and the body is never terminated: an answer can only come
            // from a server that stopped reading at the limit instead of waiting for the end.
            let chunk = String(repeating: "x", count: 4096)
            for _ in 0..<4 {
                connection.send(String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n")
            }
            let head = await connection.readResponseHead()
            #expect(head.hasPrefix("HTTP/1.1 413"), "got: \(head.prefix(200))")
        }
        #expect(await server.sink.firingCalls.isEmpty)
    }
}
