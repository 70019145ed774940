import BallastAPI
import KubeTypes

/// One precise reason why an action, its parameters or a policy's limits are invalid.
///
/// Every case names the action and the parameter or limit; ``description`` is a sentence a
/// person (or a model being asked to repair its answer) can act on.
public enum ParameterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The action is not in the catalog.
    case unknownAction(String)
    /// The action does not accept a target of this kind.
    case wrongTargetKind(action: ActionName, kind: String, accepted: [String])
    /// A parameter the action does not define.
    case unknownParameter(action: ActionName, parameter: String)
    /// A required parameter is absent.
    case missingParameter(action: ActionName, parameter: String)
    /// A parameter has the wrong JSON type or an out-of-range value.
    case invalidValue(action: ActionName, parameter: String, value: String, expected: String)
    /// Parameters that may not appear together, or a required choice that is absent.
    case conflict(action: ActionName, message: String)
    /// A parameter goes beyond a policy limit.
    case exceedsLimit(action: ActionName, parameter: String, value: String, limit: String, limitValue: String)
    /// A `maxStep` limit is set but the operator did not pass the observed value it needs.
    case missingObservation(action: ActionName, limit: String, key: String)
    /// A policy limit the action does not define, or with a value of the wrong type.
    case invalidLimit(action: ActionName, limit: String, message: String)

    /// A sentence naming the action and the field.
    public var description: String {
        switch self {
        case .unknownAction(let name):
            let known = ActionName.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown action \"\(name)\"; the catalog has \(known)"
        case .wrongTargetKind(let action, let kind, let accepted):
            return "\(action.rawValue): cannot act on a \(kind); accepts \(accepted.joined(separator: ", "))"
        case .unknownParameter(let action, let parameter):
            return "\(action.rawValue): unknown parameter \"\(parameter)\""
        case .missingParameter(let action, let parameter):
            return "\(action.rawValue): parameter \"\(parameter)\" is required"
        case .invalidValue(let action, let parameter, let value, let expected):
            return "\(action.rawValue): parameter \"\(parameter)\" is \(value); expected \(expected)"
        case .conflict(let action, let message):
            return "\(action.rawValue): \(message)"
        case .exceedsLimit(let action, let parameter, let value, let limit, let limitValue):
            return "\(action.rawValue): parameter \"\(parameter)\" is \(value), beyond the policy limit \(limit)=\(limitValue)"
        case .missingObservation(let action, let limit, let key):
            return "\(action.rawValue): limit \(limit) needs the target's current \"\(key)\", which was not observed"
        case .invalidLimit(let action, let limit, let message):
            return "\(action.rawValue): policy limit \"\(limit)\" \(message)"
        }
    }
}
