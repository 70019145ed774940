import BallastAPI
import KubeClient
import KubeTypes

/// What every planner starts from: the action, its (already validated) parameters, the policy's
/// limits for it, the actionId, and the live target as read just now.
public struct PlanningInput: Sendable, Hashable {
    /// The action to plan.
    public var action: ActionName
    /// The action's parameters.
    public var parameters: [String: JSONValue]
    /// The policy's `spec.actions[].limits` for the action (merged across policies).
    public var limits: [String: JSONValue]
    /// The deterministic id of this attempt.
    public var actionId: String
    /// The target's resource.
    public var resource: ResourceDescriptor
    /// The target as the API server holds it now.
    public var target: UnstructuredObject

    /// Creates planning input.
    public init(
        action: ActionName, parameters: [String: JSONValue], limits: [String: JSONValue] = [:], actionId: String,
        resource: ResourceDescriptor, target: UnstructuredObject
    ) {
        self.action = action
        self.parameters = parameters
        self.limits = limits
        self.actionId = actionId
        self.resource = resource
        self.target = target
    }

    /// `Kind namespace/name`, for messages.
    var targetDescription: String {
        "\(resource.kind) \(ObjectKey(namespace: target.metadata.namespace, name: target.metadata.name ?? ""))"
    }

    /// An integer parameter.
    func integer(_ name: String) -> Int64? { parameters[name]?.intValue }

    /// A number parameter.
    func number(_ name: String) -> Double? { parameters[name]?.doubleValue }

    /// A string parameter.
    func string(_ name: String) -> String? { parameters[name]?.stringValue }

    /// A quantity parameter (strings such as `512Mi`, or plain numbers).
    func quantity(_ name: String) -> Quantity? { parameters[name].flatMap(Quantity.init(json:)) }

    /// A quantity limit such as `maxMemory`.
    func quantityLimit(_ name: String) -> Quantity? { limits[name].flatMap(Quantity.init(json:)) }

    /// The target's field at `path` (e.g. `["spec", "replicas"]`).
    func field(_ path: [String]) -> JSONValue? {
        guard let first = path.first else { return nil }
        return target[first].flatMap { $0.value(at: Array(path.dropFirst())) }
    }

    /// A ``RefusalReason/deploymentPaused`` refusal when the target is paused (`spec.paused`,
    /// which only Deployments have): a paused Deployment rolls nothing out, so a template change
    /// would report success without effect (`kubectl rollout restart` and `undo` refuse too).
    /// `nil` when the target is not paused.
    /// - Parameter doing: What would not take effect, for the message (e.g. `rolling back`).
    func pausedRefusal(before doing: String) -> Refusal? {
        guard field(["spec", "paused"])?.boolValue == true else { return nil }
        return Refusal(.deploymentPaused, "\(targetDescription) is paused; resume it before \(doing)")
    }

    /// A record of this action with `changes`, stamped on the target by the plan's patch.
    func record(_ changes: [FieldChange]) -> AppliedRecord {
        AppliedRecord(actionId: actionId, changes: changes)
    }
}

extension Quantity {
    /// A quantity from a JSON string (`"512Mi"`) or number (`2`); `nil` otherwise.
    init?(json: JSONValue) {
        switch json {
        case .string(let text): guard let value = try? Quantity(parsing: text) else { return nil }; self = value
        case .int(let number): guard let value = try? Quantity(parsing: String(number)) else { return nil }; self = value
        case .double(let number): guard let value = try? Quantity(parsing: String(number)) else { return nil }; self = value
        default: return nil
        }
    }
}
