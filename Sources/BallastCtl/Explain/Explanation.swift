import Foundation

/// Why a RemediationRequest is where it is, in plain words: a headline, sections (alert,
/// target, decision, policy, approval, execution, diagnostics, verification, conditions) and
/// the request's Events.
///
/// Built by ``init(request:events:now:)`` (pure); printed by ``render(now:)``; `-o json|yaml`
/// encode this value (documented in docs/kubectl-plugin.md).
public struct Explanation: Sendable, Hashable, Codable {
    /// One topic and its lines.
    public struct Section: Sendable, Hashable, Codable {
        /// E.g. `Decision`.
        public var topic: String
        /// Sentences, first line first.
        public var lines: [String]

        /// Creates a section.
        public init(topic: String, lines: [String]) {
            self.topic = topic
            self.lines = lines
        }
    }

    /// One Event about the request.
    public struct EventLine: Sendable, Hashable, Codable {
        /// When it was last seen.
        public var time: Date?
        /// `Normal` or `Warning`.
        public var type: String
        /// The Event's reason, e.g. `Blocked`.
        public var reason: String
        /// The Event's message.
        public var message: String
        /// How many times it occurred.
        public var count: Int
    }

    /// The request's namespace.
    public var namespace: String
    /// The request's name.
    public var name: String
    /// The phase, or `New` before an operator has written status.
    public var phase: String
    /// One or two sentences: where the request is and why.
    public var headline: String
    /// The details, in lifecycle order; empty topics are left out.
    public var sections: [Section]
    /// Events about the request, oldest first.
    public var events: [EventLine]
}
