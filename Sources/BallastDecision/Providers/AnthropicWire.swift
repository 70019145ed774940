import BallastAPI
import KubeTypes

/// Anthropic's Messages wire format (`POST /v1/messages`). Structured output goes through a
/// `submit_decision` tool whose input schema is the answer schema; its input becomes the
/// answer text. Pure encoding and decoding.
enum AnthropicWire {
    static let path = "/v1/messages"
    static let probePath = "/v1/models"
    static let version = "2023-06-01"
    static let answerTool = "submit_decision"

    static func body(_ request: ChatRequest, configuration: ProviderConfiguration) -> JSONValue {
        var messages: [JSONValue] = []
        for message in request.messages {
            switch message {
            case .user(let text):
                messages.append(["role": "user", "content": .string(text)])
            case .assistant(let text, let calls):
                var blocks: [JSONValue] = []
                if let text, !text.isEmpty { blocks.append(["type": "text", "text": .string(text)]) }
                blocks += calls.map { ["type": "tool_use", "id": .string($0.id), "name": .string($0.name), "input": .object($0.arguments)] }
                messages.append(["role": "assistant", "content": .array(blocks)])
            case .toolResult(let id, _, let content):
                messages.append(["role": "user", "content": [["type": "tool_result", "tool_use_id": .string(id), "content": .string(content)]]])
            }
        }
        var tools: [JSONValue] = request.tools.map {
            ["name": .string($0.name), "description": .string($0.description), "input_schema": $0.parameters]
        }
        if configuration.structuredOutput, let schema = request.answerSchema {
            tools.append(["name": .string(answerTool), "description": "Submit the final remediation decision.", "input_schema": schema])
        }
        var body: [String: JSONValue] = [
            "model": .string(configuration.model), "system": .string(request.system), "messages": .array(messages),
            "max_tokens": .int(Int64(configuration.maxTokens)), "temperature": .double(configuration.temperature),
        ]
        if !tools.isEmpty { body["tools"] = .array(tools) }
        return .object(body)
    }

    static func response(_ json: JSONValue) throws(ProviderError) -> ChatResponse {
        guard let blocks = json["content"]?.arrayValue else { throw .invalidResponse("Anthropic reply has no content array") }
        var texts: [String] = []
        var calls: [ToolCall] = []
        var answer: String?
        for (index, block) in blocks.enumerated() {
            switch block["type"]?.stringValue {
            case "text": texts.append(block["text"]?.stringValue ?? "")
            case "tool_use":
                guard let name = block["name"]?.stringValue else { throw .invalidResponse("content[\(index)] tool_use has no name") }
                let input = block["input"]?.objectValue ?? [:]
                if name == answerTool {
                    answer = JSONText.render(input)
                } else {
                    calls.append(ToolCall(id: block["id"]?.stringValue ?? "toolu_\(index)", name: name, arguments: input))
                }
            default: continue
            }
        }
        let usage = TokenUsage(
            prompt: json["usage"]?["input_tokens"]?.intValue ?? 0, completion: json["usage"]?["output_tokens"]?.intValue ?? 0)
        let text = answer ?? (texts.isEmpty ? nil : texts.joined(separator: "\n"))
        return ChatResponse(text: calls.isEmpty ? text : answer, toolCalls: answer == nil ? calls : [], usage: usage, model: json["model"]?.stringValue)
    }
}
