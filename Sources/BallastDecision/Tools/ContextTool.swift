import KubeTypes

/// A read-only tool the model may call for more context (pod status, recent events, a bounded
/// log tail, rollout history, action history, an oscillation check). The operator supplies the
/// real ones; tests supply fakes. A tool must not mutate anything.
public struct ContextTool: Sendable {
    /// How the model sees the tool.
    public var definition: ToolDefinition
    /// Produces the tool's text result for the given arguments.
    public var run: @Sendable ([String: JSONValue]) async throws -> String

    /// Creates a tool.
    public init(definition: ToolDefinition, run: @escaping @Sendable ([String: JSONValue]) async throws -> String) {
        self.definition = definition
        self.run = run
    }
}

/// Limits on tool use within one decision.
public struct ToolLimits: Sendable, Hashable {
    /// Most model turns that may ask for tools (default 3).
    public var maximumRounds: Int
    /// Most tool calls in total (default 6).
    public var maximumCalls: Int
    /// Deadline per tool call (default 5 s).
    public var callTimeout: Duration
    /// Characters of a tool result kept (default 4,000; the rest is cut with a marker).
    public var maximumResultCharacters: Int

    /// Creates limits.
    public init(maximumRounds: Int = 3, maximumCalls: Int = 6, callTimeout: Duration = .seconds(5), maximumResultCharacters: Int = 4000) {
        self.maximumRounds = maximumRounds
        self.maximumCalls = maximumCalls
        self.callTimeout = callTimeout
        self.maximumResultCharacters = maximumResultCharacters
    }
}

/// Runs the model's tool calls: unknown tools and failures become error text for the model,
/// each call has a deadline, results are bounded and redacted before they are sent.
struct Toolbox: Sendable {
    let tools: [ContextTool]
    let limits: ToolLimits
    let redactor: Redactor

    var definitions: [ToolDefinition] { tools.map(\.definition) }

    /// This toolbox with `extra` tools appended (a configured tool wins on a name clash).
    func adding(_ extra: [ContextTool]) -> Toolbox {
        let names = Set(tools.map(\.definition.name))
        return Toolbox(tools: tools + extra.filter { !names.contains($0.definition.name) }, limits: limits, redactor: redactor)
    }

    /// Runs `calls` concurrently; results come back in call order.
    func run(_ calls: [ToolCall]) async -> [ChatMessage] {
        await withTaskGroup(of: (Int, String).self) { group in
            for (index, call) in calls.enumerated() {
                group.addTask { (index, await self.result(of: call)) }
            }
            var results = [String](repeating: "", count: calls.count)
            for await (index, text) in group { results[index] = text }
            return calls.enumerated().map { index, call in
                .toolResult(callID: call.id, name: call.name, content: results[index])
            }
        }
    }

    private func result(of call: ToolCall) async -> String {
        guard let tool = tools.first(where: { $0.definition.name == call.name }) else {
            return "error: unknown tool \(call.name); available: \(definitions.map(\.name).joined(separator: ", "))"
        }
        let limit = limits.callTimeout
        let text: String = await withTaskGroup(of: String?.self) { group in
            group.addTask {
                do { return try await tool.run(call.arguments) } catch { return "error: \(error)" }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? "error: tool \(call.name) did not answer within \(limit)"
        }
        let bounded = text.count > limits.maximumResultCharacters
            ? String(text.prefix(limits.maximumResultCharacters)) + "[… result cut at \(limits.maximumResultCharacters) characters]"
            : text
        return redactor.redact(bounded)
    }
}
