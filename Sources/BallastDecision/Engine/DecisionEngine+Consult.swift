import BallastAPI
extension DecisionEngine {
    /// The result of a conversation with one provider.
    enum ConsultResult: Sendable {
        /// A valid answer.
        case decided(ModelAnswer, usage: TokenUsage, model: String?, invalidAnswers: Int)
        /// The answer stayed invalid after the repair round.
        case invalid(AnswerRejection, usage: TokenUsage, invalidAnswers: Int)
        /// The model kept calling tools past the limits.
        case toolLimit(rounds: Int, calls: Int, usage: TokenUsage)
        /// The provider failed (transport, status, timeout, malformed reply).
        case failed(ProviderError, usage: TokenUsage)

        var code: String {
            switch self {
            case .decided: "decided"
            case .invalid: "invalid"
            case .toolLimit: "tool_limit"
            case .failed(let error, _): error.code
            }
        }

        var usage: TokenUsage {
            switch self {
            case .decided(_, let usage, _, _), .invalid(_, let usage, _), .toolLimit(_, _, let usage), .failed(_, let usage):
                usage
            }
        }

        var invalidAnswers: Int {
            switch self {
            case .decided(_, _, _, let count), .invalid(_, _, let count): count
            default: 0
            }
        }
    }

    /// Talks to `provider` until it gives a valid answer, exceeds the tool limits, stays
    /// invalid after one repair round, or fails.
    func consult(_ provider: any LLMProvider, prompt: Prompt, context: DecisionContext) async -> ConsultResult {
        let toolbox = configuration.derivedTools ? self.toolbox.adding(ContextTool.derived(from: context)) : self.toolbox
        let tools = provider.supportsTools ? toolbox.definitions : []
        let limits = configuration.toolLimits
        var messages: [ChatMessage] = [.user(prompt.user)]
        var usage = TokenUsage.zero
        var rounds = 0
        var calls = 0
        var invalidAnswers = 0
        while true {
            let response: ChatResponse
            do {
                response = try await provider.complete(
                    ChatRequest(system: prompt.system, messages: messages, tools: tools, answerSchema: prompt.answerSchema))
            } catch {
                return .failed(error, usage: usage)
            }
            usage = usage + response.usage
            if !response.toolCalls.isEmpty {
                rounds += 1
                calls += response.toolCalls.count
                guard !tools.isEmpty, rounds <= limits.maximumRounds, calls <= limits.maximumCalls else {
                    return .toolLimit(rounds: rounds, calls: calls, usage: usage)
                }
                messages.append(.assistant(text: response.text, toolCalls: response.toolCalls))
                messages += await toolbox.run(response.toolCalls)
                continue
            }
            let text = response.text ?? ""
            do {
                let answer = try validator.validate(text: text, for: context)
                return .decided(answer, usage: usage, model: response.model, invalidAnswers: invalidAnswers)
            } catch {
                invalidAnswers += 1
                guard invalidAnswers == 1 else { return .invalid(error, usage: usage, invalidAnswers: invalidAnswers) }
                messages.append(.assistant(text: text, toolCalls: []))
                messages.append(.user(Self.repairMessage(error, context: context)))
            }
        }
    }

    /// The one repair request: what was wrong and what is allowed.
    static func repairMessage(_ rejection: AnswerRejection, context: DecisionContext) -> String {
        """
        Your answer was rejected: \(rejection). Answer again with one JSON object only, choosing \
        an action from: \(context.allowedActions.map(\.name).joined(separator: ", ")). The target \
        \(context.target.displayName) and the limits are fixed.
        """
    }
}
