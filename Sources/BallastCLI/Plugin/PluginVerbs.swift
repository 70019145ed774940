import ArgumentParser

/// The kubectl plugin verbs, registered as top-level subcommands of `ballast` so that
/// `kubectl ballast <verb>` (the binary installed as `kubectl-ballast`) runs them.
enum PluginVerbs {
    static let all: [any ParsableCommand.Type] = [
        StopCommand.self, ResumeCommand.self, StatusCommand.self, HistoryCommand.self,
        ExplainCommand.self, ApproveCommand.self, RejectCommand.self,
    ]
}
