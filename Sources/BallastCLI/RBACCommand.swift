import ArgumentParser
import BallastOperator

/// `ballast rbac`: prints the ClusterRole the operator needs (the controllers' rules plus every
/// action's rules from the catalog, merged and sorted), the source of `config/rbac/role.yaml`;
/// with `--rules-only`, just its `rules:` list, the source of the Helm chart's
/// `files/clusterrole-rules.yaml`.
struct RBACCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbac",
        abstract: "Print the ClusterRole the operator needs.",
        discussion: """
            Examples:
              ballast rbac > config/rbac/role.yaml
              ballast rbac --rules-only > charts/ballast/files/clusterrole-rules.yaml
            """)

    @Flag(help: "Print only the rules list (for the Helm chart), not the whole ClusterRole.")
    var rulesOnly = false

    func run() {
        let yaml = rulesOnly
            ? OperatorRBAC.rulesYAML(OperatorRBAC.clusterRules, indent: "")
            : OperatorRBAC.clusterRoleYAML
        print(yaml, terminator: "")
    }
}
