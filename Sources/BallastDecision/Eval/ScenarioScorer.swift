import KubeTypes

/// Decides whether a decision is an acceptable answer to a scenario. Pure.
public enum ScenarioScorer {
    /// Answers that change nothing and hand the problem to a person (collecting diagnostics
    /// for them included).
    public static let escalations: Set<String> = ["escalate", "notify_only", "collect_diagnostics"]

    /// `nil` when `action` with `parameters` is acceptable, otherwise why not. An action listed
    /// in `acceptable` must meet its constraints; the hands-off answers (``escalations``)
    /// otherwise count as correct exactly when escalation is acceptable.
    public static func mismatch(_ action: String, parameters: [String: JSONValue], expected: ScenarioExpectation) -> String? {
        let candidates = expected.acceptable.filter { $0.action == action }
        if candidates.isEmpty && escalations.contains(action) && expected.escalationAcceptable { return nil }
        guard !candidates.isEmpty else { return "\(action) is not acceptable; expected \(expectedNames(expected))" }
        var reasons: [String] = []
        for candidate in candidates {
            guard let problem = problem(parameters, candidate) else { return nil }
            reasons.append(problem)
        }
        return reasons.joined(separator: "; ")
    }

    private static func expectedNames(_ expected: ScenarioExpectation) -> String {
        var names: [String] = []
        for name in expected.acceptable.map(\.action) + (expected.escalationAcceptable ? ["escalate"] : []) where !names.contains(name) {
            names.append(name)
        }
        return names.isEmpty ? "nothing" : names.joined(separator: " or ")
    }

    private static func problem(_ parameters: [String: JSONValue], _ candidate: AcceptableAction) -> String? {
        for (key, value) in (candidate.parameters ?? [:]).sorted(by: { $0.key < $1.key }) where parameters[key] != value {
            return "parameters.\(key) is \(parameters[key].map(JSONText.render) ?? "missing"), expected \(JSONText.render(value))"
        }
        for (key, range) in (candidate.ranges ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let value = parameters[key], let number = magnitude(value) else {
                return "parameters.\(key) is missing or not a number"
            }
            if let lower = range.min.flatMap(magnitude), number < lower {
                return "parameters.\(key) \(JSONText.render(value)) is below \(range.min.map(JSONText.render) ?? "")"
            }
            if let upper = range.max.flatMap(magnitude), number > upper {
                return "parameters.\(key) \(JSONText.render(value)) is above \(range.max.map(JSONText.render) ?? "")"
            }
        }
        return nil
    }

    /// A comparable magnitude: numbers as is, quantity strings in milli-units.
    static func magnitude(_ value: JSONValue) -> Double? {
        if let number = value.doubleValue { return number * 1000 }
        guard let text = value.stringValue, let quantity = try? Quantity(parsing: text) else { return nil }
        return Double(quantity.milliValue)
    }
}
