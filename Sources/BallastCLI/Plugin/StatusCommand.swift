import ArgumentParser
import BallastCtl
import Foundation

/// `ballast status` (`kubectl ballast status`): policies and recent requests at a glance.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the SafetyPolicies and the most recent RemediationRequests.",
        discussion: """
            For each SafetyPolicy: mode, emergency stop (and whether an operator confirmed it), \
            remediations executing now, actions in the rate-limit window, open circuit \
            breakers. Then the newest requests: phase, action, target, age and why.

            Examples:
              kubectl ballast status
              kubectl ballast status -A --limit 50
              kubectl ballast status -n shop -o json
            """)

    @Flag(name: [.customShort("A"), .long], help: "Show requests of all namespaces.")
    var allNamespaces = false

    @Option(help: "Show at most this many requests, newest first.")
    var limit: Int = 20

    @OptionGroup var cluster: ClusterOptions

    func run() async throws {
        try await PluginRunner.run(cluster) { session, format throws(CtlError) in
            let verb = StatusVerb(session: session, allNamespaces: allNamespaces, limit: try PluginRunner.limit(limit))
            let now = Date()
            let report = try await verb.run(now: now)
            return try PluginRunner.render(report, format) {
                report.render(now: now, scope: verb.scope, showNamespace: allNamespaces)
            }
        }
    }
}
