import KubeTypes

/// Builds the decision prompt from a context, within a token budget.
///
/// Guarantees: the context is redacted (``Redactor``) before anything is rendered; alert
/// labels/annotations, event messages and logs are fenced as untrusted data; the system
/// instructions, the target and the allowed actions are always present; the other sections
/// are added in a fixed priority order (alert, patterns, history, containers, events, logs) and
/// shortened deterministically — oldest items first, with a marker saying what was omitted —
/// so the estimated size never exceeds `tokenBudget` unless the mandatory part alone does.
public struct PromptBuilder: Sendable {
    /// Token budget for system + user message (default 4,000).
    public var tokenBudget: Int
    /// Log bytes kept per container before redaction (the tail), so a 10 MB log costs nothing.
    public var maximumLogBytes: Int
    /// History entries considered (newest), before budget truncation.
    public var maximumHistoryEntries: Int
    /// Events considered (newest), before budget truncation.
    public var maximumEvents: Int
    /// The redactor applied to the context.
    public var redactor: Redactor

    /// Creates a builder.
    public init(
        tokenBudget: Int = 4000, maximumLogBytes: Int = 8 * 1024, maximumHistoryEntries: Int = 50, maximumEvents: Int = 100,
        redactor: Redactor = Redactor()
    ) {
        self.tokenBudget = tokenBudget
        self.maximumLogBytes = maximumLogBytes
        self.maximumHistoryEntries = maximumHistoryEntries
        self.maximumEvents = maximumEvents
        self.redactor = redactor
    }

    /// The prompt for `context`, choosing from `catalog`.
    public func build(_ context: DecisionContext, catalog: any DecisionCatalog) -> Prompt {
        var bounded = context
        bounded.target.logs = context.target.logs.mapValues { Self.tail($0, bytes: maximumLogBytes) }
        bounded.history.entries = Array(context.history.entries.suffix(maximumHistoryEntries))
        let historyOmitted = context.history.entries.count - bounded.history.entries.count
        bounded.target.events = Array(context.target.events.suffix(maximumEvents))
        let eventsOmitted = context.target.events.count - bounded.target.events.count
        let safe = redactor.redact(bounded)
        let system = PromptText.system
        let mandatory = [PromptText.targetSection(safe.target), PromptText.allowedSection(safe, catalog: catalog)]
        let optional = PromptText.optionalSections(safe, historyOmitted: historyOmitted, eventsOmitted: eventsOmitted)
        var parts = mandatory.map { $0.render() }
        // Characters left for optional sections: each part costs its text plus a "\n\n"
        // separator; 8 characters absorb the rounding of the two token estimates.
        var remaining = tokenBudget * 4 - 8 - system.utf8.count - (PromptText.closing.utf8.count + 2)
            - parts.reduce(0) { $0 + $1.utf8.count + 2 }
        var truncated: [String] = []
        for section in optional where !section.items.isEmpty {
            guard let rendered = section.render(within: remaining - 2) else {
                truncated.append(section.title)
                continue
            }
            if rendered.truncated { truncated.append(section.title) }
            parts.append(rendered.text)
            remaining -= rendered.text.utf8.count + 2
        }
        parts.append(PromptText.closing)
        let user = parts.joined(separator: "\n\n")
        return Prompt(
            system: system, user: user, answerSchema: AnswerSchema.schema(for: safe),
            estimatedTokens: Prompt.estimateTokens(system) + Prompt.estimateTokens(user),
            truncatedSections: truncated)
    }

    /// The last `bytes` bytes of `text` (on a character boundary), marked when cut.
    static func tail(_ text: String, bytes: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > bytes else { return text }
        var start = utf8.index(utf8.endIndex, offsetBy: -bytes)
        while start < utf8.endIndex, UTF8.isContinuation(utf8[start]) { start = utf8.index(after: start) }
        return "[… \(utf8.distance(from: utf8.startIndex, to: start)) earlier bytes of log omitted]\n" + String(text[start...])
    }
}
