import BallastAPI
import KubeTypes

extension ActionCatalog {
    /// Validates an action given by name (as an LLM or a rule file writes it) against a target.
    ///
    /// - Returns: the action when it exists, accepts `targetKind` and its parameters are valid;
    ///   otherwise every problem found (an unknown action is never mapped to a known one).
    public static func validate(
        actionNamed text: String, targetKind: String, parameters: [String: JSONValue],
        limits: [String: JSONValue] = [:], observed: [String: JSONValue] = [:]
    ) -> Result<ActionName, ValidationFailure> {
        guard let name = ActionName(rawValue: text) else {
            return .failure(ValidationFailure(errors: [.unknownAction(text)]))
        }
        let spec = spec(for: name)
        var errors: [ParameterError] = []
        if !spec.accepts(kind: targetKind) {
            errors.append(.wrongTargetKind(action: name, kind: targetKind, accepted: spec.targetKinds))
        }
        errors += spec.validate(parameters: parameters, limits: limits, observed: observed)
        return errors.isEmpty ? .success(name) : .failure(ValidationFailure(errors: errors))
    }
}

/// The problems that made an action invalid (never empty).
public struct ValidationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem, in a stable order.
    public var errors: [ParameterError]

    /// Creates a failure.
    public init(errors: [ParameterError]) { self.errors = errors }

    /// All problems, separated by `; `.
    public var description: String { errors.map(\.description).joined(separator: "; ") }
}
