import BallastAPI
import ClusterTestSupport
import Foundation
import KubeTypes
import LLMTestSupport
import Testing

/// The LLM down — answering 500, or nothing listening at all — never stops remediation: the
/// built-in rules decide, and the request says so.
@Suite(.timeLimit(.minutes(2))) struct LLMFallbackE2ETests {
    enum Outage: String, CaseIterable, Sendable {
        case answers500
        case closedPort
    }

    @Test(arguments: Outage.allCases)
    func whenTheLLMIsDownTheRulesDecide(outage: Outage) async throws {
        let server = try await ScriptedLLMServer.start()
        server.setDefault(.status(500), for: .openAI)
        let baseURL: String
        switch outage {
        case .answers500:
            baseURL = server.baseURL
        case .closedPort:
            baseURL = "http://127.0.0.1:\(try OperatorProcess.freePort())"
        }
        do {
            try await Self.expectRulesDecide(baseURL: baseURL, server: outage == .answers500 ? server : nil)
            try await server.shutdown()
        } catch {
            try? await server.shutdown()
            throw error
        }
    }

    /// An alert-driven request with an OpenAI-compatible provider at `baseURL` is decided by the
    /// rules; when `server` is given it must have been asked first.
    private static func expectRulesDecide(baseURL: String, server: ScriptedLLMServer?) async throws {
        try await Scenario.run("e2e-llm") { scenario in
            try await scenario.applyPolicy()
            scenario.startKubelet(.allReady)
            try await scenario.createDeployment("web", replicas: 1)
            _ = try await scenario.startOperator {
                $0.llmProviders = [.init(name: "scripted", kind: "openai", baseURL: baseURL, model: "scripted-model")]
            }
            let request = RemediationRequest(
                metadata: ObjectMeta(name: "replicas-mismatch", namespace: scenario.namespace),
                spec: RemediationRequestSpec(alert: AlertInfo(
                    name: "KubeDeploymentReplicasMismatch", severity: .warning, fingerprint: "e2e0llm0down",
                    source: "e2e", startsAt: Date().addingTimeInterval(-300),
                    labels: ["alertname": "KubeDeploymentReplicasMismatch", "namespace": scenario.namespace, "deployment": "web"])))
            try await scenario.client.create(request, .remediationRequests)

            let decided = try await scenario.eventually("a decision on the request") {
                let current = try await scenario.request("replicas-mismatch")
                return current.status?.decision == nil ? nil : current
            }
            let decision = try #require(decided.status?.decision)
            #expect(decision.source == .rules)
            #expect(decision.action == .collectDiagnostics, "the built-in rule for replica mismatches")
            let condition = decided.status?.conditions?.first { $0.type == "Decided" }
            #expect(condition?.status == .true)
            if let server {
                #expect(!server.requests(to: .openAI).isEmpty, "the LLM was asked before falling back")
            }
        }
    }
}
