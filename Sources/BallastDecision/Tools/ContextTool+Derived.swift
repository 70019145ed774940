import KubeTypes

extension ContextTool {
    /// Read-only tools answered from the decision context itself, so a model can fetch detail
    /// the token budget cut from the prompt: `action_history`, `oscillation_check`,
    /// `recent_events` and `log_tail`. Results are bounded (and redacted by the engine).
    public static func derived(from context: DecisionContext) -> [ContextTool] {
        [
            ContextTool(definition: ToolDefinition(
                name: "action_history", description: "Past actions on the target, newest first.",
                parameters: limitSchema("entries"))
            ) { arguments in
                let limit = Self.limit(arguments, default: 20)
                return context.history.entries.reversed().prefix(limit).map { entry in
                    "\(entry.minutesAgo)m ago: \(entry.action) \(JSONText.render(entry.parameters)) -> \(entry.state)"
                        + (entry.effectiveness.map { ", effectiveness \($0)" } ?? "")
                }.joined(separator: "\n").nonEmpty(or: "no actions recorded")
            },
            ContextTool(definition: ToolDefinition(
                name: "oscillation_check", description: "Patterns detected in the target's history (oscillation, thrashing, loops, flapping).")
            ) { _ in
                context.history.patterns.map { "\($0.type) (\($0.severity)): \($0.message)" }
                    .joined(separator: "\n").nonEmpty(or: "no patterns detected")
            },
            ContextTool(definition: ToolDefinition(
                name: "recent_events", description: "Recent Kubernetes Events about the target and its pods, newest first.",
                parameters: limitSchema("events"))
            ) { arguments in
                let limit = Self.limit(arguments, default: 20)
                return context.target.events.reversed().prefix(limit).map { "\($0.type) \($0.reason) x\($0.count): \($0.message)" }
                    .joined(separator: "\n").nonEmpty(or: "no events")
            },
            ContextTool(definition: ToolDefinition(
                name: "log_tail", description: "The last lines of a container's log.",
                parameters: [
                    "type": "object", "required": ["container"],
                    "properties": ["container": ["type": "string"], "lines": ["type": "integer", "minimum": 1, "maximum": 200]],
                ])
            ) { arguments in
                guard let container = arguments["container"]?.stringValue, let log = context.target.logs[container] else {
                    return "no log for that container; containers with logs: \(context.target.logs.keys.sorted().joined(separator: ", "))"
                }
                let lines = min(Self.limit(arguments, default: 50, key: "lines"), 200)
                return PromptBuilder.tail(log, bytes: 64 * 1024).split(separator: "\n", omittingEmptySubsequences: false)
                    .suffix(lines).joined(separator: "\n")
            },
        ]
    }

    private static func limitSchema(_ noun: String) -> JSONValue {
        ["type": "object", "properties": ["limit": ["type": "integer", "minimum": 1, "maximum": 100, "description": .string("How many \(noun).")]]]
    }

    private static func limit(_ arguments: [String: JSONValue], default value: Int, key: String = "limit") -> Int {
        guard let requested = arguments[key]?.intValue, requested > 0 else { return value }
        return Int(min(requested, 100))
    }
}

extension String {
    /// The string, or `fallback` when it is empty.
    func nonEmpty(or fallback: String) -> String { isEmpty ? fallback : self }
}
