import ArgumentParser
import BallastAPI
import BallastCtl
import Foundation

/// The arguments `approve` and `reject` share.
struct ApprovalArguments: ParsableArguments {
    @Argument(help: "The RemediationRequest's name.")
    var request: String

    @Option(help: "Why (recorded in the ballast.dev/approval-reason annotation).")
    var reason: String?

    @Flag(help: "Record the answer even if the request is not AwaitingApproval.")
    var force = false

    @OptionGroup var identity: IdentityOptions
    @OptionGroup var cluster: ClusterOptions

    /// Checks and writes `decision`, printing the result.
    func answer(_ decision: ApprovalDecision) async throws {
        try await PluginRunner.run(cluster, identity: identity) { session, format throws(CtlError) in
            let change = ApprovalChange(decision: decision, by: session.identity, reason: reason, at: Date(), force: force)
            let result = try await ApprovalVerb(session: session, requestName: request).run(change)
            return try PluginRunner.render(result.request, format) { result.render() }
        }
    }
}

/// `ballast approve <request>` (`kubectl ballast approve`).
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a RemediationRequest that awaits approval.",
        discussion: """
            Sets spec.approval (decision Approved, by you) with a merge patch guarded by the \
            request's resourceVersion. Accepts a request AwaitingApproval, or Blocked with \
            an approval reason next to a time-bound one; refuses (exit 1) any other request \
            (unless --force) or one already answered differently.

            Examples:
              kubectl ballast approve rollback-payments-api -n payments --reason "checked with the team"
            """)

    @OptionGroup var arguments: ApprovalArguments

    func run() async throws {
        try await arguments.answer(.approved)
    }
}

/// `ballast reject <request>` (`kubectl ballast reject`).
struct RejectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Reject a RemediationRequest that awaits approval.",
        discussion: """
            Sets spec.approval (decision Rejected, by you); the operator will not execute the \
            action. Accepts the same requests as approve; refuses (exit 1) any other request \
            (unless --force) or one already answered differently.

            Examples:
              kubectl ballast reject drain-worker-1 -n ballast-system --reason "node is being replaced"
            """)

    @OptionGroup var arguments: ApprovalArguments

    func run() async throws {
        try await arguments.answer(.rejected)
    }
}
