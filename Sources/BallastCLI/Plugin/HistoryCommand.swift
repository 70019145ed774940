import ArgumentParser
import BallastCtl
import Foundation

/// `ballast history <kind/name>` (`kubectl ballast history`): one target's ActionHistory.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show what Ballast did to one target, how well it worked, and detected patterns.",
        discussion: """
            Reads the target's ActionHistory (named <kind>-<name>, in the target's namespace; \
            for nodes in the operator's namespace, ballast-system, unless -n is given) and \
            prints its summary, its entries (time, action, state, source, confidence, \
            effectiveness, request, change) and every detected pattern with the entries that \
            are its evidence. -o json|yaml prints the ActionHistory object.

            Examples:
              kubectl ballast history deployment/web -n shop
              kubectl ballast history node/worker-1
              kubectl ballast history sts/db -n data -o yaml
            """)

    @Argument(help: "The target as kind/name, e.g. deployment/web, statefulset/db, node/worker-1.")
    var target: String

    @Option(help: "Show at most this many entries, newest last.")
    var limit: Int = 20

    @OptionGroup var cluster: ClusterOptions

    func run() async throws {
        try await PluginRunner.run(cluster) { session, format throws(CtlError) in
            let target = try TargetArgument(parsing: target)
            let limit = try PluginRunner.limit(limit)
            let history = try await HistoryVerb(session: session, target: target).run()
            return try PluginRunner.render(history, format) {
                HistoryReport(history: history, limit: limit).render(now: Date())
            }
        }
    }
}
