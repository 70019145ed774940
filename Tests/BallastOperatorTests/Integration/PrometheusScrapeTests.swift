import CoreMetrics
import Foundation
import HummingbirdTesting
import Testing
@testable import BallastOperator

/// `/metrics` scraped by a real Prometheus 2.42: the exposition parses (target `up`) and the
/// recorded values arrive with their labels.
@Suite(.serialized, .timeLimit(.minutes(5))) struct PrometheusScrapeTests {
    @Test func realPrometheusScrapesTheOperatorMetrics() async throws {
        let server = try TestServer()
        server.metrics.recordPolicyDenial(reasons: [.coolingOff, .coolingOff])
        server.metrics.setBreakerState(breaker: "restart_deployment", state: .open)
        Timer(label: "ballast_llm_request_duration_seconds", dimensions: [("model", "granite3.1-dense:8b")],
              factory: OperatorMetricsFactory(metrics: server.metrics)).recordMilliseconds(1840)
        try await server.application().test(.live) { client in
            let port = try #require(client.port)
            let prometheus = try await RealPrometheus(target: "127.0.0.1:\(port)")
            defer { prometheus.stop() }
            let deadline = Date().addingTimeInterval(150)
            var health: (health: String, error: String)?
            while Date() < deadline {
                health = try await prometheus.targetHealth()
                if health?.health == "up", try await prometheus.value(of: "ballast_emergency_stop_active") != nil { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            #expect(health?.health == "up", "scrape error: \(health?.error ?? "none"); log: \(prometheus.log)")
            #expect(try await prometheus.value(of: "ballast_emergency_stop_active") == "0")
            #expect(try await prometheus.value(of: #"ballast_policy_denials_total{reason="CoolingOff"}"#) == "2")
            #expect(try await prometheus.value(of: #"ballast_circuit_breaker_state{breaker="restart_deployment"}"#) == "2")
            #expect(try await prometheus.value(of: #"ballast_llm_request_duration_seconds_bucket{model="granite3.1-dense:8b",le="2.5"}"#) == "1")
        }
    }
}
