import BallastAPI
import KubeTypes

/// One provider-neutral chat request: the prompt, the conversation so far (tool rounds and
/// repair), the read-only tools offered and the answer schema.
public struct ChatRequest: Sendable, Hashable {
    /// The system instructions.
    public var system: String
    /// The conversation, starting with the user's situation message.
    public var messages: [ChatMessage]
    /// Read-only tools the model may call; empty when tool use is off.
    public var tools: [ToolDefinition]
    /// JSON Schema of the final answer, sent as structured-output constraint when supported.
    public var answerSchema: JSONValue?

    /// Creates a request.
    public init(system: String, messages: [ChatMessage], tools: [ToolDefinition] = [], answerSchema: JSONValue? = nil) {
        self.system = system
        self.messages = messages
        self.tools = tools
        self.answerSchema = answerSchema
    }
}

/// One message of a conversation.
public enum ChatMessage: Sendable, Hashable {
    /// Text from the operator.
    case user(String)
    /// What the model said, possibly with tool calls.
    case assistant(text: String?, toolCalls: [ToolCall])
    /// The result of one tool call.
    case toolResult(callID: String, name: String, content: String)
}

/// A read-only tool offered to the model.
public struct ToolDefinition: Sendable, Hashable {
    /// The function name, e.g. `recent_events`.
    public var name: String
    /// What it returns.
    public var description: String
    /// JSON Schema of its arguments.
    public var parameters: JSONValue

    /// Creates a tool definition.
    public init(name: String, description: String, parameters: JSONValue = ["type": "object", "properties": [:]]) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

extension ToolDefinition {
    /// The `{"type": "function", "function": {...}}` form OpenAI-compatible servers and Ollama share.
    var functionTool: JSONValue {
        ["type": "function", "function": ["name": .string(name), "description": .string(description), "parameters": parameters]]
    }
}

/// A tool call the model asked for.
public struct ToolCall: Sendable, Hashable {
    /// The provider's call id (synthesised when the protocol has none).
    public var id: String
    /// The tool's name.
    public var name: String
    /// The arguments.
    public var arguments: [String: JSONValue]

    /// Creates a tool call.
    public init(id: String, name: String, arguments: [String: JSONValue] = [:]) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// A provider's reply to one request.
public struct ChatResponse: Sendable, Hashable {
    /// The text answer (for Anthropic, the structured-output tool input as JSON text).
    public var text: String?
    /// Tool calls asked for instead of (or besides) an answer.
    public var toolCalls: [ToolCall]
    /// Tokens used by this call.
    public var usage: TokenUsage
    /// The model that answered, as reported by the server.
    public var model: String?

    /// Creates a response.
    public init(text: String?, toolCalls: [ToolCall] = [], usage: TokenUsage = .zero, model: String? = nil) {
        self.text = text
        self.toolCalls = toolCalls
        self.usage = usage
        self.model = model
    }
}
