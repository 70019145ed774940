import ArgumentParser
import BallastCtl
import Foundation
import KubeTypes

/// Runs one plugin verb: parses the output format, opens the connection, prints the result on
/// standard output, and turns a ``CtlError`` into a message on standard error and its exit
/// code (1 bad input or refused, 2 not found/forbidden/API error, 3 unconfirmed).
enum PluginRunner {
    /// Runs `body` with an open session and the requested format; prints what it returns.
    static func run(
        _ cluster: ClusterOptions, identity: IdentityOptions? = nil,
        _ body: (CtlSession, OutputFormat) async throws(CtlError) -> String
    ) async throws {
        do throws(CtlError) {
            let format = try OutputFormat(parsing: cluster.output)
            let session = try CtlSession.open(cluster.connection(asUser: identity?.asUser))
            let text: String
            do throws(CtlError) {
                text = try await body(session, format)
            } catch {
                await session.close()
                throw error
            }
            await session.close()
            print(text)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }

    /// `value` as JSON or YAML, or `table()` for the table format.
    static func render(_ value: some Encodable, _ format: OutputFormat, table: () -> String) throws(CtlError) -> String {
        try StructuredOutput.render(value, as: format) ?? table()
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
