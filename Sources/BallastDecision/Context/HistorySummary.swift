import Foundation
import KubeTypes

/// The target's ActionHistory, reduced to what a decision needs.
public struct HistorySummary: Codable, Sendable, Hashable {
    /// Past actions, oldest first.
    public var entries: [HistoryEntrySummary]
    /// Patterns detected over the history (oscillation, ineffective loops, flapping).
    public var patterns: [PatternSummary]

    /// Creates a history summary.
    public init(entries: [HistoryEntrySummary] = [], patterns: [PatternSummary] = []) {
        self.entries = entries
        self.patterns = patterns
    }

    private enum CodingKeys: String, CodingKey { case entries, patterns }

    /// Decodes; absent lists are empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        entries = try container.decodeIfPresent([HistoryEntrySummary].self, forKey: .entries) ?? []
        patterns = try container.decodeIfPresent([PatternSummary].self, forKey: .patterns) ?? []
    }
}

/// One past action on the target.
public struct HistoryEntrySummary: Codable, Sendable, Hashable {
    /// The action name.
    public var action: String
    /// Its parameters.
    public var parameters: [String: JSONValue]
    /// `Succeeded`, `Failed`, `DryRun`, `Pending` or `Abandoned`.
    public var state: String
    /// How long before the decision it started, in minutes (relative, so prompts are stable).
    public var minutesAgo: Int
    /// Effectiveness in [0, 1] once verified.
    public var effectiveness: Double?
    /// The alert that caused it.
    public var alert: String?

    /// Creates a history entry summary.
    public init(
        action: String, parameters: [String: JSONValue] = [:], state: String = "Succeeded",
        minutesAgo: Int, effectiveness: Double? = nil, alert: String? = nil
    ) {
        self.action = action
        self.parameters = parameters
        self.state = state
        self.minutesAgo = minutesAgo
        self.effectiveness = effectiveness
        self.alert = alert
    }

    private enum CodingKeys: String, CodingKey { case action, parameters, state, minutesAgo, effectiveness, alert }

    /// Decodes; absent `parameters` are empty and an absent `state` is `Succeeded`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        action = try container.decode(String.self, forKey: .action)
        parameters = try container.decodeIfPresent([String: JSONValue].self, forKey: .parameters) ?? [:]
        state = try container.decodeIfPresent(String.self, forKey: .state) ?? "Succeeded"
        minutesAgo = try container.decode(Int.self, forKey: .minutesAgo)
        effectiveness = try container.decodeIfPresent(Double.self, forKey: .effectiveness)
        alert = try container.decodeIfPresent(String.self, forKey: .alert)
    }
}

/// A pattern detected in the history (`status.patterns[]`).
public struct PatternSummary: Codable, Sendable, Hashable {
    /// `ScaleOscillation`, `ResourceThrashing`, `IneffectiveLoop`, `CascadingFailure` or `Flapping`.
    public var type: String
    /// `Low`, `Medium`, `High` or `Critical`.
    public var severity: String
    /// A human-readable description.
    public var message: String

    /// Creates a pattern summary.
    public init(type: String, severity: String, message: String = "") {
        self.type = type
        self.severity = severity
        self.message = message
    }
}
