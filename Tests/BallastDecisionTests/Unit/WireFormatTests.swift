import BallastAPI
import KubeTypes
import Testing
@testable import BallastDecision

@Suite struct WireFormatTests {
    let configuration = ProviderConfiguration(kind: .openAI, baseURL: "http://127.0.0.1:1/", model: "m", temperature: 0.1, maxTokens: 256)
    let request = ChatRequest(
        system: "sys",
        messages: [
            .user("situation"), .assistant(text: nil, toolCalls: [ToolCall(id: "c1", name: "pod_status", arguments: ["pod": "web-1"])]),
            .toolResult(callID: "c1", name: "pod_status", content: "Running"),
        ],
        tools: [ToolDefinition(name: "pod_status", description: "d")], answerSchema: ["type": "object"])

    @Test func openAIRequestShape() {
        let body = OpenAIWire.body(request, configuration: configuration, structured: true)
        #expect(configuration.baseURL == "http://127.0.0.1:1")
        #expect(body["messages"]?.arrayValue?.map { $0["role"]?.stringValue } == ["system", "user", "assistant", "tool"])
        #expect(body["messages"]?.arrayValue?[2]["tool_calls"]?.arrayValue?.first?["function"]?["arguments"] == #"{"pod":"web-1"}"#)
        #expect(body["messages"]?.arrayValue?[3]["tool_call_id"] == "c1")
        #expect(body["response_format"]?["json_schema"]?["schema"] == ["type": "object"])
        #expect(body["max_tokens"] == 256)
        #expect(OpenAIWire.body(request, configuration: configuration, structured: false)["response_format"] == nil)
    }

    @Test func ollamaRequestShape() {
        let body = OllamaWire.body(request, configuration: configuration)
        #expect(body["stream"] == false)
        #expect(body["format"] == ["type": "object"])
        #expect(body["options"]?["num_predict"] == 256)
        #expect(body["messages"]?.arrayValue?[2]["tool_calls"]?.arrayValue?.first?["function"]?["arguments"] == ["pod": "web-1"])
        #expect(body["messages"]?.arrayValue?[3]["tool_name"] == "pod_status")
    }

    @Test func anthropicRequestShape() {
        let body = AnthropicWire.body(request, configuration: configuration)
        #expect(body["system"] == "sys")
        #expect(body["messages"]?.arrayValue?.map { $0["role"]?.stringValue } == ["user", "assistant", "user"])
        #expect(body["messages"]?.arrayValue?[2]["content"]?.arrayValue?.first?["type"] == "tool_result")
        #expect(body["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["pod_status", "submit_decision"])
    }

    @Test func responsesDecode() throws {
        let openAI = try OpenAIWire.response([
            "model": "m", "choices": [["message": ["content": nil, "tool_calls": [["id": "x", "function": ["name": "t", "arguments": #"{"a":1}"#]]]]]],
            "usage": ["prompt_tokens": 10, "completion_tokens": 2],
        ])
        #expect(openAI.toolCalls == [ToolCall(id: "x", name: "t", arguments: ["a": 1])])
        #expect(openAI.usage == TokenUsage(prompt: 10, completion: 2))
        let ollama = try OllamaWire.response(["message": ["content": "hi"], "prompt_eval_count": 3, "eval_count": 4])
        #expect(ollama.text == "hi")
        #expect(ollama.usage.total == 7)
        let anthropic = try AnthropicWire.response([
            "content": [["type": "text", "text": "thinking"], ["type": "tool_use", "id": "u", "name": "submit_decision", "input": ["action": "escalate"]]],
            "usage": ["input_tokens": 5, "output_tokens": 6],
        ])
        #expect(anthropic.text == #"{"action":"escalate"}"#)
        #expect(anthropic.toolCalls.isEmpty)
        #expect(throws: ProviderError.invalidResponse("chat completion has no choices[0].message")) { try OpenAIWire.response(["choices": []]) }
    }

    @Test func apiKeysAreReadFromTheEnvironmentAndNeverDescribed() throws {
        #expect(try APIKeySource.environment("KEY").read(environment: ["KEY": "s3cret"]) == "s3cret")
        #expect(throws: ProviderError.configuration("API key environment variable KEY is not set")) {
            try APIKeySource.environment("KEY").read(environment: [:])
        }
        #expect(throws: ProviderError.configuration("API key file /nonexistent/key cannot be read")) {
            try APIKeySource.file("/nonexistent/key").read()
        }
        #expect(APIKeySource.environment("KEY").description == "env:KEY")
    }
}
