import BallastAPI
import KubeTypes

/// Ollama's native chat wire format (`POST /api/chat`, `stream: false`, `format` = JSON
/// Schema, tools with object arguments). Pure encoding and decoding.
enum OllamaWire {
    static let path = "/api/chat"
    static let probePath = "/api/tags"

    static func body(_ request: ChatRequest, configuration: ProviderConfiguration) -> JSONValue {
        var messages: [JSONValue] = [["role": "system", "content": .string(request.system)]]
        for message in request.messages {
            switch message {
            case .user(let text):
                messages.append(["role": "user", "content": .string(text)])
            case .assistant(let text, let calls):
                var entry: [String: JSONValue] = ["role": "assistant", "content": .string(text ?? "")]
                if !calls.isEmpty {
                    entry["tool_calls"] = .array(calls.map { call in
                        ["function": ["name": .string(call.name), "arguments": .object(call.arguments)]]
                    })
                }
                messages.append(.object(entry))
            case .toolResult(_, let name, let content):
                messages.append(["role": "tool", "tool_name": .string(name), "content": .string(content)])
            }
        }
        var body: [String: JSONValue] = [
            "model": .string(configuration.model), "messages": .array(messages), "stream": false,
            "options": ["temperature": .double(configuration.temperature), "num_predict": .int(Int64(configuration.maxTokens))],
        ]
        if configuration.structuredOutput, let schema = request.answerSchema { body["format"] = schema }
        if !request.tools.isEmpty { body["tools"] = .array(request.tools.map(\.functionTool)) }
        return .object(body)
    }

    static func response(_ json: JSONValue) throws(ProviderError) -> ChatResponse {
        guard let message = json["message"] else { throw .invalidResponse("Ollama reply has no message") }
        var calls: [ToolCall] = []
        for (index, raw) in (message["tool_calls"]?.arrayValue ?? []).enumerated() {
            guard let name = raw["function"]?["name"]?.stringValue else {
                throw .invalidResponse("message.tool_calls[\(index)] has no function.name")
            }
            calls.append(ToolCall(id: "call_\(index)", name: name, arguments: raw["function"]?["arguments"]?.objectValue ?? [:]))
        }
        let usage = TokenUsage(
            prompt: json["prompt_eval_count"]?.intValue ?? 0, completion: json["eval_count"]?.intValue ?? 0)
        let text = message["content"]?.stringValue
        return ChatResponse(text: (text?.isEmpty ?? true) && !calls.isEmpty ? nil : text, toolCalls: calls, usage: usage, model: json["model"]?.stringValue)
    }
}
