import ArgumentParser
import BallastCtl
import Foundation

/// `ballast explain <request>` (`kubectl ballast explain`): why a request is where it is.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain in plain words why a RemediationRequest was decided, allowed, denied or blocked.",
        discussion: """
            Reads the request and its Events and says what was decided and by whom, what the \
            SafetyPolicies said and why (with the exact time a time-bound denial ends), whether \
            it awaits approval, what was executed and changed, and whether it worked. \
            -o json|yaml prints the explanation's structure (see docs/kubectl-plugin.md).

            Examples:
              kubectl ballast explain web-oom-7f3a -n shop
              kubectl ballast explain rollback-payments-api -n payments -o json
            """)

    @Argument(help: "The RemediationRequest's name.")
    var request: String

    @OptionGroup var cluster: ClusterOptions

    func run() async throws {
        try await PluginRunner.run(cluster) { session, format throws(CtlError) in
            let now = Date()
            let explanation = try await ExplainVerb(session: session, requestName: request).run(now: now).explanation
            return try PluginRunner.render(explanation, format) { explanation.render(now: now) }
        }
    }
}
