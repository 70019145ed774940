import BallastAPI
import BallastCtl
import Foundation
import KubeClient
import KubeTypes
import Testing

@Suite("explain, history and status on the local control plane")
struct ReadVerbsIntegrationTests {
    let env: CtlTestCluster

    init() async throws {
        env = try await CtlTestCluster.prepared()
    }

    private func event(_ name: String, about request: RemediationRequest, reason: String, message: String, at: Date) -> Event {
        Event(
            metadata: ObjectMeta(name: name, namespace: request.metadata.namespace),
            involvedObject: ObjectReference(
                apiVersion: BallastGroup.apiVersion, kind: "RemediationRequest", namespace: request.metadata.namespace,
                name: request.metadata.name, uid: request.metadata.uid),
            reason: reason, message: message, type: "Normal", count: 1, firstTimestamp: at, lastTimestamp: at,
            source: Event.Source(component: "ballast"))
    }

    @Test("explain: a blocked request says why and exactly until when, with its own Events only")
    func explainBlocked() async throws {
        try await env.withNamespace("ctl-explain") { namespace in
            try await env.withSession(namespace: namespace) { session in
                let retryAfter = Date(timeIntervalSinceNow: 360).rounded
                let policy = PolicyStatus(
                    verdict: .denied, policies: ["default"],
                    reasons: [PolicyReason(code: .coolingOff, message: "rollback_deployment ran on \(namespace)/web 4m ago; SafetyPolicy default requires 10m")],
                    retryAfter: retryAfter)
                let request = try await session.createRequest("rollback-web", status: .at(.blocked, policy: policy))
                let other = try await session.createRequest("other")
                let now = Date()
                try await session.client.create(event("e1", about: request, reason: "Decided", message: "rollback_deployment requested", at: now.addingTimeInterval(-60)), .events)
                try await session.client.create(event("e2", about: request, reason: "Blocked", message: "cooling off", at: now.addingTimeInterval(-30)), .events)
                try await session.client.create(event("e3", about: other, reason: "Decided", message: "not this one", at: now), .events)

                let explanation = try await ExplainVerb(session: session, requestName: "rollback-web").run(now: now).explanation
                #expect(explanation.phase == "Blocked")
                #expect(explanation.headline.contains("because the target is cooling off after a recent action; it resumes by itself at \(RelativeTime.exact(retryAfter, now: now))."))
                #expect(explanation.events.map(\.reason) == ["Decided", "Blocked"])
                let text = explanation.render(now: now)
                #expect(text.contains("\nPolicy:       denied by SafetyPolicy default\n"))
                #expect(!text.contains("not this one"))
            }
        }
    }

    @Test("explain of a missing request: exit code 2 naming it")
    func explainMissing() async throws {
        try await env.withNamespace("ctl-explain") { namespace in
            try await env.withSession(namespace: namespace) { session in
                let error = await #expect(throws: CtlError.self) { try await ExplainVerb(session: session, requestName: "nope").run() }
                #expect(error?.message == "remediationrequest \(namespace)/nope not found in namespace \(namespace)")
            }
        }
    }

    @Test("history: reads <kind>-<name> in the namespace; nodes in the operator's namespace unless -n")
    func history() async throws {
        try await env.withNamespace("ctl-history") { namespace in
            try await env.withSession(namespace: namespace) { session in
                let startedAt = Date(timeIntervalSinceNow: -600).rounded
                let history = ActionHistory(
                    metadata: ObjectMeta(name: "deployment-web", namespace: namespace),
                    spec: ActionHistorySpec(target: TargetReference(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace, name: "web")))
                try await session.client.create(history, .actionHistories)
                let status: JSONValue = try JSONValue(encoding: ActionHistoryStatus(
                    entries: [ActionEntry(
                        actionId: "a1", request: RequestReference(name: "web-oom"), action: .scaleDeployment, source: .rules,
                        confidence: 0.9, state: .succeeded, startedAt: startedAt, before: ["replicas": 3], after: ["replicas": 6],
                        effectiveness: 0.8)],
                    summary: HistorySummary(totalActions: 1, lastActionAt: startedAt)))
                _ = try await session.client.patchStatus(
                    ActionHistory.self, .actionHistories, name: "deployment-web", namespace: namespace, .merge(["status": status]))

                let read = try await HistoryVerb(session: session, target: TargetArgument(parsing: "deploy/web")).run()
                let lines = HistoryReport(history: read).render(now: startedAt.addingTimeInterval(600)).split(separator: "\n").map(String.init)
                #expect(lines[0] == "ActionHistory \(namespace)/deployment-web of Deployment \(namespace)/web")
                let row = lines.first { $0.hasPrefix("10m ago") }.map(TableCells.of)
                #expect(row == ["10m ago", "scale_deployment", "Succeeded", "Rules", "0.90", "0.80", "web-oom", "replicas 3->6"])

                let node = HistoryVerb(session: session, target: try TargetArgument(parsing: "node/worker-1"))
                #expect(node.namespace == namespace, "-n given: the session's namespace is explicit")
                let error = await #expect(throws: CtlError.self) { try await node.run() }
                #expect(error?.message == "actionhistory \(namespace)/node-worker-1 not found: Ballast has recorded no action on Node worker-1 in namespace \(namespace)")
            }
        }
    }

    @Test("status: the namespace's requests newest first with their reasons, and the policies; JSON decodes")
    func status() async throws {
        let policyName = CtlTestCluster.uniquePolicyName("ctl-status")
        defer { env.deletePolicy(policyName) }
        try await env.withNamespace("ctl-status") { namespace in
            try await env.withSession(namespace: namespace) { session in
                try await session.client.create(CtlTestCluster.inertPolicy(policyName, stop: EmergencyStop(enabled: true, by: "carol")), .safetyPolicies)
                try await session.createRequest("first", status: .at(.awaitingApproval, policy: PolicyStatus(
                    verdict: .requiresApproval, policies: ["default"], reasons: [PolicyReason(code: .approvalRequired, message: "rollback needs approval")])))
                try await Task.sleep(for: .milliseconds(1100))  // creationTimestamp has one-second resolution
                try await session.createRequest("second")

                let report = try await StatusVerb(session: session, limit: 10).run()
                #expect(report.requests.map(\.name) == ["second", "first"])
                #expect(report.requests.map(\.reason) == ["not yet picked up by an operator", "needs approval: ApprovalRequired"])
                let policy = try #require(report.policies.first { $0.name == policyName })
                #expect(policy.emergencyStopRequested && policy.emergencyStopBy == "carol")
                let text = report.render(now: Date(), scope: "namespace \(namespace)", showNamespace: false)
                #expect(text.contains("ON by carol (not yet confirmed)"))
                let decoded = try JSONDecoder.kubernetes().decode(StatusReport.self, from: Data(try StructuredOutput.json(report).utf8))
                #expect(decoded == report)
            }
        }
    }
}

extension Date {
    /// This instant without its fraction of a second (what the API server stores).
    var rounded: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
