import KubeTypes

/// Why a model's answer was rejected. Each case names what was wrong precisely enough to be
/// sent back to the model in the repair round and to be shown to a person.
public enum AnswerRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text was not one well-formed answer object.
    case malformed(String)
    /// The action is not in the catalog at all.
    case unknownAction(String)
    /// The action exists but this request may not use it.
    case actionNotAllowed(String, allowed: [String])
    /// The parameters break the action's schema or the policy limits.
    case invalidParameters(action: String, problems: [String])
    /// Confidence outside [0, 1] (or not finite).
    case confidenceOutOfRange(Double)
    /// The answer tried to act on another object or namespace.
    case targetChanged(String)
    /// The answer tried to set limits, policy or the allowed set.
    case limitsChanged(String)

    /// A stable code for metrics and eval reports.
    public var code: String {
        switch self {
        case .malformed: "Malformed"
        case .unknownAction: "UnknownAction"
        case .actionNotAllowed: "ActionNotAllowed"
        case .invalidParameters: "InvalidParameters"
        case .confidenceOutOfRange: "ConfidenceOutOfRange"
        case .targetChanged: "TargetChanged"
        case .limitsChanged: "LimitsChanged"
        }
    }

    /// A sentence saying what was wrong.
    public var description: String {
        switch self {
        case .malformed(let message): "malformed answer: \(message)"
        case .unknownAction(let action): "action \"\(action)\" is not in the catalog"
        case .actionNotAllowed(let action, let allowed):
            "action \"\(action)\" is not allowed for this request; allowed: \(allowed.joined(separator: ", "))"
        case .invalidParameters(let action, let problems):
            "invalid parameters for \(action): \(problems.joined(separator: "; "))"
        case .confidenceOutOfRange(let value): "confidence \(value) is outside [0, 1]"
        case .targetChanged(let message): "target change rejected: \(message)"
        case .limitsChanged(let message): "limit change rejected: \(message)"
        }
    }
}

/// Checks a model's answer against the catalog and what this request allows.
///
/// Pure: the result depends only on its arguments. An answer is accepted only when its action
/// is in the catalog AND in `context.allowedActions`, its parameters pass the catalog's schema
/// and the policy's limits, its confidence is a finite number in [0, 1], it does not name
/// another target or namespace, and it does not try to set limits. Alternatives naming actions
/// outside the allowed set are dropped (they are advisory only).
public struct DecisionValidator: Sendable {
    /// The catalog the answer must choose from.
    public var catalog: any DecisionCatalog

    /// Parameter names that would redirect an action or widen a limit; never accepted from a model.
    public static let reservedParameters: [String: String] = [
        "namespace": "target", "targetNamespace": "target", "target": "target", "targetName": "target",
        "kind": "target", "apiVersion": "target", "uid": "target",
        "limits": "limits", "policy": "limits", "allowedActions": "limits", "maxStep": "limits",
        "dryRun": "limits", "mode": "limits", "force": "limits",
    ]

    /// Creates a validator over `catalog`.
    public init(catalog: any DecisionCatalog) {
        self.catalog = catalog
    }

    /// The validated answer, or the first reason it must be rejected.
    public func validate(_ answer: ModelAnswer, for context: DecisionContext) throws(AnswerRejection) -> ModelAnswer {
        if let target = answer.target { try checkTarget(target, context.target) }
        for key in answer.parameters.keys.sorted() {
            switch Self.reservedParameters[key] {
            case "target"?:
                throw .targetChanged("parameters.\(key) is not accepted; the target is fixed to \(context.target.displayName)")
            case "limits"?:
                throw .limitsChanged("parameters.\(key) is not accepted; limits come from the SafetyPolicy")
            default: break
            }
        }
        guard let specification = catalog.action(named: answer.action) else { throw .unknownAction(answer.action) }
        guard let allowed = context.allowedAction(named: answer.action) else {
            throw .actionNotAllowed(answer.action, allowed: context.allowedActions.map(\.name))
        }
        guard answer.confidence.isFinite, (0...1).contains(answer.confidence) else {
            throw .confidenceOutOfRange(answer.confidence)
        }
        let problems = catalog.validate(
            action: specification, parameters: answer.parameters, limits: allowed.limits, target: context.target)
        guard problems.isEmpty else { throw .invalidParameters(action: answer.action, problems: problems) }
        var accepted = answer
        accepted.alternatives = answer.alternatives.filter { alternative in
            alternative.action != answer.action && context.allowedAction(named: alternative.action) != nil
                && alternative.confidence.isFinite && (0...1).contains(alternative.confidence)
        }
        return accepted
    }

    /// Parses and validates `text` in one step; parse failures become ``AnswerRejection/malformed(_:)``.
    public func validate(text: String, for context: DecisionContext) throws(AnswerRejection) -> ModelAnswer {
        let answer: ModelAnswer
        do {
            answer = try ModelAnswer.parse(text)
        } catch {
            throw .malformed(error.message)
        }
        return try validate(answer, for: context)
    }

    private func checkTarget(_ echoed: [String: JSONValue], _ target: TargetSummary) throws(AnswerRejection) {
        let expected: [String: String?] = [
            "kind": target.kind, "name": target.name, "namespace": target.namespace, "apiVersion": target.apiVersion,
        ]
        for key in echoed.keys.sorted() {
            guard let wanted = expected[key] else {
                throw .targetChanged("target.\(key) is not accepted; the target is fixed to \(target.displayName)")
            }
            let given = echoed[key]?.stringValue
            if given != wanted && !(wanted == nil && (given ?? "").isEmpty) {
                throw .targetChanged(
                    "target.\(key) \"\(given ?? "null")\" differs from the request's \(target.displayName)")
            }
        }
    }
}
