import BallastAPI
import KubeTypes

/// The OpenAI chat-completions wire format (`POST /v1/chat/completions`), as spoken by OpenAI,
/// vLLM, llama.cpp's server, LocalAI and ramalama. Pure encoding and decoding.
enum OpenAIWire {
    static let path = "/v1/chat/completions"
    static let probePath = "/v1/models"

    static func body(_ request: ChatRequest, configuration: ProviderConfiguration, structured: Bool) -> JSONValue {
        var messages: [JSONValue] = [["role": "system", "content": .string(request.system)]]
        for message in request.messages {
            switch message {
            case .user(let text):
                messages.append(["role": "user", "content": .string(text)])
            case .assistant(let text, let calls):
                var entry: [String: JSONValue] = ["role": "assistant", "content": text.map(JSONValue.string) ?? .null]
                if !calls.isEmpty {
                    entry["tool_calls"] = .array(calls.map { call in
                        ["id": .string(call.id), "type": "function",
                         "function": ["name": .string(call.name), "arguments": .string(JSONText.render(call.arguments))]]
                    })
                }
                messages.append(.object(entry))
            case .toolResult(let id, _, let content):
                messages.append(["role": "tool", "tool_call_id": .string(id), "content": .string(content)])
            }
        }
        var body: [String: JSONValue] = [
            "model": .string(configuration.model), "messages": .array(messages),
            "temperature": .double(configuration.temperature), "max_tokens": .int(Int64(configuration.maxTokens)),
        ]
        if structured, let schema = request.answerSchema {
            body["response_format"] = [
                "type": "json_schema",
                "json_schema": ["name": "ballast_decision", "strict": true, "schema": schema],
            ]
        }
        if !request.tools.isEmpty { body["tools"] = .array(request.tools.map(\.functionTool)) }
        return .object(body)
    }

    static func response(_ json: JSONValue) throws(ProviderError) -> ChatResponse {
        guard let message = json["choices"]?.arrayValue?.first?["message"] else {
            throw .invalidResponse("chat completion has no choices[0].message")
        }
        var calls: [ToolCall] = []
        for (index, raw) in (message["tool_calls"]?.arrayValue ?? []).enumerated() {
            guard let name = raw["function"]?["name"]?.stringValue else {
                throw .invalidResponse("tool_calls[\(index)] has no function.name")
            }
            let arguments = raw["function"]?["arguments"]?.stringValue ?? "{}"
            calls.append(ToolCall(
                id: raw["id"]?.stringValue ?? "call_\(index)", name: name,
                arguments: (try? OutputParser.extractObject(from: arguments)) ?? [:]))
        }
        let usage = TokenUsage(
            prompt: json["usage"]?["prompt_tokens"]?.intValue ?? 0, completion: json["usage"]?["completion_tokens"]?.intValue ?? 0)
        return ChatResponse(text: message["content"]?.stringValue, toolCalls: calls, usage: usage, model: json["model"]?.stringValue)
    }

    /// Whether a 400 body says the server does not support `response_format` / JSON schema.
    static func rejectsStructuredOutput(_ error: ProviderError) -> Bool {
        guard case .rejected(let status, let body) = error, status == 400 || status == 422 else { return false }
        let lowered = body.lowercased()
        return lowered.contains("response_format") || lowered.contains("json_schema")
    }
}
