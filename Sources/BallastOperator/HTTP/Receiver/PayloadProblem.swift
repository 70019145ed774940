/// One thing wrong with a webhook notification, located by its JSON path.
///
/// Rendered as `alerts[2].fingerprint: missing`: the path a person can find in the payload,
/// then what is wrong with it.
public struct PayloadProblem: Sendable, Hashable, CustomStringConvertible {
    /// The JSON path, e.g. `alerts[2].labels.alertname`; `body` for the document itself.
    public var path: String
    /// What is wrong, e.g. `missing` or `expected a string, found a number`.
    public var problem: String

    /// Creates a problem at `path`.
    public init(_ path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }

    /// `path: problem`.
    public var description: String { "\(path): \(problem)" }
}

/// Why a webhook notification was rejected with 400; nothing was created for it.
public struct InvalidPayload: Error, Sendable, Hashable, CustomStringConvertible {
    /// Most problems listed in one message; the rest are counted.
    public static let maxListed = 10

    /// Every problem found, in document order (never empty).
    public var problems: [PayloadProblem]

    /// Creates the error from a non-empty list of problems.
    public init(problems: [PayloadProblem]) {
        self.problems = problems
    }

    /// `invalid Alertmanager payload: a: missing; b: …` with at most ``maxListed`` problems.
    public var description: String {
        let listed = problems.prefix(Self.maxListed).map(\.description).joined(separator: "; ")
        let more = problems.count > Self.maxListed ? "; and \(problems.count - Self.maxListed) more" : ""
        return "invalid Alertmanager payload: \(listed)\(more)"
    }
}
