import BallastAPI
import BallastCtl
import Foundation
import KubeTypes
import Testing

@Suite("approve and reject on the local control plane")
struct ApprovalIntegrationTests {
    let env: CtlTestCluster

    init() async throws {
        env = try await CtlTestCluster.prepared()
    }

    static func change(_ decision: ApprovalDecision, force: Bool = false) -> ApprovalChange {
        ApprovalChange(decision: decision, by: "alice@example.com", reason: "checked with the team", at: Date(), force: force)
    }

    @Test("approve writes spec.approval and the reason/time annotations on a request awaiting approval")
    func approve() async throws {
        try await env.withNamespace("ctl-approve") { namespace in
            try await env.withSession(namespace: namespace) { session in
                try await session.createRequest("rollback-web", status: .at(.awaitingApproval))
                let result = try await ApprovalVerb(session: session, requestName: "rollback-web").run(Self.change(.approved))
                #expect(result.written)
                let stored = try await session.readRequest("rollback-web")
                #expect(stored.spec.approval == Approval(decision: .approved, by: "alice@example.com"))
                #expect(stored.metadata.annotations?[ApprovalChange.reasonAnnotation] == "checked with the team")
                #expect(stored.metadata.annotations?[ApprovalChange.atAnnotation].flatMap(KubeTime.parse) != nil)
                #expect(stored.status?.phase == .awaitingApproval, "status is the operator's; the plugin never writes it")
                #expect(result.render().hasPrefix("remediationrequest \(namespace)/rollback-web approved by alice@example.com: the operator executes rollback_deployment"))
            }
        }
    }

    @Test("reject; the same answer again changes nothing; the other answer is refused")
    func rejectThenAnswerAgain() async throws {
        try await env.withNamespace("ctl-reject") { namespace in
            try await env.withSession(namespace: namespace) { session in
                try await session.createRequest("rollback-web", status: .at(.awaitingApproval))
                let verb = ApprovalVerb(session: session, requestName: "rollback-web")
                #expect(try await verb.run(Self.change(.rejected)).written)
                let version = try await session.readRequest("rollback-web").metadata.resourceVersion
                #expect(try await verb.run(Self.change(.rejected)).written == false)
                #expect(try await session.readRequest("rollback-web").metadata.resourceVersion == version)
                let error = await #expect(throws: CtlError.self) { try await verb.run(Self.change(.approved, force: true)) }
                #expect(error?.exitCode == 1)
                #expect(error?.message == "remediationrequest \(namespace)/rollback-web was already rejected by alice@example.com; an answer cannot be changed")
                #expect(try await session.readRequest("rollback-web").spec.approval?.decision == .rejected)
            }
        }
    }

    @Test("a request that is not awaiting approval is refused unless --force")
    func refusesOtherPhases() async throws {
        try await env.withNamespace("ctl-refuse") { namespace in
            try await env.withSession(namespace: namespace) { session in
                try await session.createRequest("busy", status: .at(.executing))
                let verb = ApprovalVerb(session: session, requestName: "busy")
                let error = await #expect(throws: CtlError.self) { try await verb.run(Self.change(.approved)) }
                #expect(error?.exitCode == 1)
                #expect(error?.message == "remediationrequest \(namespace)/busy is Executing, not AwaitingApproval: there is nothing to approve (--force records the answer anyway)")
                #expect(try await session.readRequest("busy").spec.approval == nil)
                #expect(try await verb.run(Self.change(.approved, force: true)).written)
                #expect(try await session.readRequest("busy").spec.approval?.decision == .approved)
            }
        }
    }

    @Test("a missing request: exit code 2 naming it and the namespace")
    func missing() async throws {
        try await env.withNamespace("ctl-missing") { namespace in
            try await env.withSession(namespace: namespace) { session in
                let error = await #expect(throws: CtlError.self) {
                    try await ApprovalVerb(session: session, requestName: "foo").run(Self.change(.approved))
                }
                #expect(error?.exitCode == 2)
                #expect(error?.message == "remediationrequest \(namespace)/foo not found in namespace \(namespace)")
            }
        }
    }
}
