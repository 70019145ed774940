import ArgumentParser

/// The `ballast` command: the operator, the evaluation harness and the kubectl plugin verbs in
/// one binary (installed a second time as `kubectl-ballast`).
///
/// The command-line contract is stable (scripts and the Helm chart rely on it); see
/// shared/design/architecture.md.
@main
struct BallastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ballast",
        abstract: "Remediate Kubernetes alerts with an AI, without ever thrashing the cluster.",
        discussion: """
            Ballast turns alerts into RemediationRequests, decides one action from a fixed \
            catalog (with an LLM, or deterministic rules), checks it against SafetyPolicies and \
            the target's ActionHistory, and acts idempotently.
            """,
        version: BallastVersion.current,
        subcommands: [RunCommand.self, VersionCommand.self, CRDsCommand.self, RBACCommand.self, EvalCommand.self] + PluginVerbs.all)
}

/// `ballast version`: prints the version of this build.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the Ballast version.")

    func run() {
        print("ballast \(BallastVersion.current)")
    }
}

/// The version of this build of Ballast.
enum BallastVersion {
    static let current = "0.1.0-dev"
}
