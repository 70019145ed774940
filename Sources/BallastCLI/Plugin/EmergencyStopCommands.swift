import ArgumentParser
import BallastCtl
import Foundation

/// `ballast stop` (`kubectl ballast stop`): sets the emergency stop on a SafetyPolicy and waits
/// for the operator to confirm it.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Set the emergency stop: no new mutating action starts anywhere in the policy's scope.",
        discussion: """
            Sets spec.emergencyStop (enabled, reason, by) on the SafetyPolicy (default: \
            "default", the one config/default installs) and waits until an operator reports \
            status.emergencyStop.active for the new generation. If the policy does not exist, \
            it is created with only the emergency stop (cluster-wide, no other limits); \
            `resume` deletes it again. Exits 3 when no operator confirms within --timeout \
            (the stop stays set).

            Examples:
              kubectl ballast stop --reason "INC-4711: database failover in progress"
              kubectl ballast stop --policy payments-freeze --timeout 30s
            """)

    @Option(help: "Why the stop is set (recorded in spec.emergencyStop.reason).")
    var reason: String?

    @Option(help: "The SafetyPolicy to set the stop on.")
    var policy: String = EmergencyStopVerb.defaultPolicyName

    @Option(help: "How long to wait for an operator to confirm (Go duration).")
    var timeout: String = "10s"

    @OptionGroup var identity: IdentityOptions
    @OptionGroup var cluster: ClusterOptions

    func run() async throws {
        try await PluginRunner.run(cluster, identity: identity) { session, format throws(CtlError) in
            let timeout = try PluginRunner.duration(timeout, flag: "--timeout")
            let result = try await EmergencyStopVerb(session: session, policyName: policy, timeout: timeout).stop(reason: reason)
            var output = try PluginRunner.render(result, format) { result.render(now: Date()) }
            output.failure = result.unconfirmed
            return output
        }
    }
}

/// `ballast resume` (`kubectl ballast resume`): clears the emergency stop and waits for the
/// operator to confirm it.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Clear the emergency stop; blocked requests resume by themselves.",
        discussion: """
            Clears spec.emergencyStop on the SafetyPolicy (default: "default") and waits until \
            an operator reports the stop inactive for the new generation. A policy that `stop` \
            created and nobody changed since is deleted instead. Exits 3 when no operator \
            confirms within --timeout (the change stays).

            Examples:
              kubectl ballast resume
              kubectl ballast resume --policy payments-freeze
            """)

    @Option(help: "The SafetyPolicy to clear the stop on.")
    var policy: String = EmergencyStopVerb.defaultPolicyName

    @Option(help: "How long to wait for an operator to confirm (Go duration).")
    var timeout: String = "10s"

    @OptionGroup var cluster: ClusterOptions

    func run() async throws {
        try await PluginRunner.run(cluster) { session, format throws(CtlError) in
            let timeout = try PluginRunner.duration(timeout, flag: "--timeout")
            let result = try await EmergencyStopVerb(session: session, policyName: policy, timeout: timeout).resume()
            var output = try PluginRunner.render(result, format) { result.render(now: Date()) }
            output.failure = result.unconfirmed
            return output
        }
    }
}
