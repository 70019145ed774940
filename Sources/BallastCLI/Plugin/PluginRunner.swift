import ArgumentParser
import BallastCtl
import Foundation
import KubeTypes

/// Runs one plugin verb: parses the output format, opens the connection, prints the result on
/// standard output, and turns a ``CtlError`` into a message on standard error and its exit
/// code (1 bad input or refused, 2 not found/forbidden/API error, 3 unconfirmed).
enum PluginRunner {
    /// Runs `body` with an open session and the requested format; prints the text it returns,
    /// then fails with its `failure`, if any.
    static func run(
        _ cluster: ClusterOptions, identity: IdentityOptions? = nil,
        _ body: (CtlSession, OutputFormat) async throws(CtlError) -> PluginOutput
    ) async throws {
        do throws(CtlError) {
            let format = try OutputFormat(parsing: cluster.output)
            let session = try CtlSession.open(cluster.connection(asUser: identity?.asUser))
            let output: PluginOutput
            do throws(CtlError) {
                output = try await body(session, format)
            } catch {
                await session.close()
                throw error
            }
            await session.close()
            print(output.text)
            if let failure = output.failure { throw failure }
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }

    /// `value` as JSON or YAML, or `table()` for the table format.
    static func render(_ value: some Encodable, _ format: OutputFormat, table: () -> String) throws(CtlError) -> PluginOutput {
        PluginOutput(text: try StructuredOutput.render(value, as: format) ?? table())
    }

    /// Parses a `--timeout` such as `10s` or `1m30s`.
    static func duration(_ text: String, flag: String) throws(CtlError) -> GoDuration {
        do {
            return try GoDuration(parsing: text)
        } catch {
            throw CtlError(.usage, "\(flag): \(error)")
        }
    }

    /// Refuses a negative or zero `--limit`.
    static func limit(_ value: Int) throws(CtlError) -> Int {
        guard value > 0 else { throw CtlError(.usage, "--limit: must be at least 1, got \(value)") }
        return value
    }
}

/// What a verb prints, and the failure it ends with after printing (e.g. a stop that was
/// written but not confirmed: the person sees what changed, then the exit-3 error).
struct PluginOutput {
    /// Printed on standard output.
    var text: String
    /// Reported on standard error, deciding the exit code, after `text` is printed.
    var failure: CtlError?
}
