import Hummingbird

extension Router {
    /// Adds `GET /metrics`: the registry of `metrics` in the Prometheus text format 0.0.4.
    public func addMetrics(_ metrics: BallastMetrics) {
        get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
    }

    /// Adds `GET /healthz` (200 while the process serves HTTP) and `GET /readyz` (200 when
    /// `readiness` is ready, else 503 listing every reason, one per line).
    public func addProbes(_ readiness: ReadinessState) {
        get("/healthz") { _, _ -> Response in
            Self.plainText(.ok, "ok")
        }
        get("/readyz") { _, _ -> Response in
            let problems = readiness.snapshot.problems
            return problems.isEmpty
                ? Self.plainText(.ok, "ok")
                : Self.plainText(.serviceUnavailable, problems.joined(separator: "\n"))
        }
    }

    private static func plainText(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
