import Foundation

extension ScriptedLLMServer {
    /// What the server does with one request.
    public indirect enum Reply: Sendable {
        /// A normal assistant answer whose text is `content`, wrapped in the path's wire format
        /// (OpenAI `choices[0].message.content`, Ollama `message.content`, Anthropic text block).
        case answer(String)
        /// A tool call of `name` with `arguments` (a JSON object as text), in the path's format
        /// (an Anthropic `tool_use` block; use `submit_decision` for its structured answer).
        case toolCall(name: String, arguments: String)
        /// An exact status, body and headers.
        case raw(status: Int, body: String, headers: [String: String] = [:])
        /// An error status with an optional `Retry-After` header and a JSON error body.
        case status(Int, retryAfter: String? = nil)
        /// Read the request and never answer (until the client gives up).
        case hang
        /// Close the connection without answering.
        case drop
        /// Wait, then do `reply`.
        case delayed(Duration, Reply)
    }

    /// The body and status for `reply` on `path`; `nil` for ``Reply/hang``, ``Reply/drop`` and
    /// ``Reply/delayed(_:_:)`` (handled by the connection).
    static func render(_ reply: Reply, path: String, requestBody: String) -> (status: Int, body: String, headers: [String: String])? {
        let model = (((try? JSONSerialization.jsonObject(with: Data(requestBody.utf8))) as? [String: Any])?["model"] as? String) ?? "scripted"
        let promptTokens = max(1, requestBody.utf8.count / 4)
        switch reply {
        case .answer(let content):
            return (200, answerBody(content, path: path, model: model, promptTokens: promptTokens), [:])
        case .toolCall(let name, let arguments):
            return (200, toolCallBody(name, arguments: arguments, path: path, model: model, promptTokens: promptTokens), [:])
        case .raw(let status, let body, let headers):
            return (status, body, headers)
        case .status(let status, let retryAfter):
            return (status, #"{"error":{"message":"scripted status \#(status)"}}"#, retryAfter.map { ["Retry-After": $0] } ?? [:])
        case .hang, .drop, .delayed:
            return nil
        }
    }

    static func answerBody(_ content: String, path: String, model: String, promptTokens: Int) -> String {
        let text = quote(content)
        let completion = max(1, content.utf8.count / 4)
        switch path {
        case WireProtocol.ollama.path:
            return #"{"model":\#(quote(model)),"created_at":"2026-11-21T00:00:00Z","message":{"role":"assistant","content":\#(text)},"done":true,"prompt_eval_count":\#(promptTokens),"eval_count":\#(completion)}"#
        case WireProtocol.anthropic.path:
            return #"{"id":"msg_scripted","type":"message","role":"assistant","model":\#(quote(model)),"content":[{"type":"text","text":\#(text)}],"stop_reason":"end_turn","usage":{"input_tokens":\#(promptTokens),"output_tokens":\#(completion)}}"#
        default:
            return #"{"id":"chatcmpl-scripted","object":"chat.completion","model":\#(quote(model)),"choices":[{"index":0,"message":{"role":"assistant","content":\#(text)},"finish_reason":"stop"}],"usage":{"prompt_tokens":\#(promptTokens),"completion_tokens":\#(completion),"total_tokens":\#(promptTokens + completion)}}"#
        }
    }

    static func toolCallBody(_ name: String, arguments: String, path: String, model: String, promptTokens: Int) -> String {
        switch path {
        case WireProtocol.ollama.path:
            return #"{"model":\#(quote(model)),"created_at":"2026-11-21T00:00:00Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":\#(quote(name)),"arguments":\#(arguments)}}]},"done":true,"prompt_eval_count":\#(promptTokens),"eval_count":8}"#
        case WireProtocol.anthropic.path:
            return #"{"id":"msg_scripted","type":"message","role":"assistant","model":\#(quote(model)),"content":[{"type":"tool_use","id":"toolu_1","name":\#(quote(name)),"input":\#(arguments)}],"stop_reason":"tool_use","usage":{"input_tokens":\#(promptTokens),"output_tokens":8}}"#
        default:
            return #"{"id":"chatcmpl-scripted","object":"chat.completion","model":\#(quote(model)),"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":\#(quote(name)),"arguments":\#(quote(arguments))}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":\#(promptTokens),"completion_tokens":8,"total_tokens":\#(promptTokens + 8)}}"#
        }
    }

    /// `text` as a JSON string literal.
    static func quote(_ text: String) -> String {
        guard let data = try? JSONEncoder().encode(text) else { return "\"\"" }
        return String(decoding: data, as: UTF8.self)
    }
}
