import ArgumentParser
import BallastOperator
import Foundation
import Logging

/// `ballast run`: the operator. Flags win over `BALLAST_…` environment variables, which win over
/// the configuration file; a bad configuration exits with status 2 and one line naming what is
/// wrong, before anything listens or acts.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the operator: reconcilers, the Alertmanager receiver, metrics and probes.",
        discussion: """
            With no LLM provider configured, Ballast decides with its built-in rules. Every flag \
            can also be set with an environment variable (BALLAST_METRICS_ADDR, …) or in the \
            --config file; see docs/configuration.md.

            Example (against the cluster of the current kubeconfig context, one namespace):
              ballast run --namespace shop --leader-elect=false --receiver-token-file ./token
            """)

    @OptionGroup var options: RunOptions

    func run() async throws {
        let configuration: OperatorConfiguration
        do {
            configuration = try OperatorConfiguration.resolve(
                flags: options.flags, environment: ProcessInfo.processInfo.environment,
                readFile: { path in try Data(contentsOf: URL(fileURLWithPath: path)) })
        } catch {
            FileHandle.standardError.write(Data("ballast run: invalid configuration: \(error)\n".utf8))
            throw ExitCode(2)
        }
        _ = LoggingBootstrap.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let logger = Logger(label: "ballast")
        configuration.logWarnings(to: logger)
        let runtime: OperatorRuntime
        do {
            runtime = try OperatorRuntime(configuration: configuration, logger: logger)
        } catch {
            logger.critical("cannot start", metadata: ["component": "\(error.component)", "problem": "\(error.problem)"])
            FileHandle.standardError.write(Data("ballast run: cannot start: \(error)\n".utf8))
            throw ExitCode(2)
        }
        do {
            try await runtime.run()
        } catch {
            logger.critical("stopped on error", metadata: ["error": "\(error)"])
            throw ExitCode(1)
        }
    }
}
