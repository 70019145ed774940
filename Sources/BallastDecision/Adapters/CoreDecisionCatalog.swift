import BallastAPI
import BallastCore
import KubeTypes

/// BallastCore's ``ActionCatalog`` seen through the ``DecisionCatalog`` seam: every catalog
/// action with a JSON Schema derived from its parameter specs, validated by the catalog itself.
public struct CoreDecisionCatalog: DecisionCatalog {
    /// Creates the adapter.
    public init() {}

    /// Every catalog action, in `ActionName` order.
    public var actions: [ActionSpecification] { Self.specifications }

    static let specifications: [ActionSpecification] = ActionCatalog.all.map { spec in
        ActionSpecification(name: spec.name.rawValue, summary: spec.summary, parameterSchema: schema(of: spec))
    }

    /// Validates with `ActionCatalog.validate`, using the kind the action really acts on (an
    /// `update_hpa` decided for a Deployment acts on its HPA, a `delete_pod` on one of its pods)
    /// and the observed values its step limits need (`replicas`, `maxReplicas`).
    public func validate(
        action: ActionSpecification, parameters: [String: JSONValue], limits: [String: JSONValue], target: TargetSummary
    ) -> [String] {
        let result = ActionCatalog.validate(
            actionNamed: action.name, targetKind: Self.actingKind(action.name, target: target), parameters: parameters,
            limits: limits, observed: Self.observed(target))
        switch result {
        case .success: return []
        case .failure(let failure): return failure.errors.map(\.description)
        }
    }

    /// The kind `action` acts on when decided for `target`.
    static func actingKind(_ action: String, target: TargetSummary) -> String {
        switch action {
        case ActionName.updateHPA.rawValue where target.autoscaler != nil: "HorizontalPodAutoscaler"
        case ActionName.deletePod.rawValue where ["Deployment", "StatefulSet", "DaemonSet"].contains(target.kind): "Pod"
        default: target.kind
        }
    }

    /// Current values the catalog's `maxStep` limits compare against.
    static func observed(_ target: TargetSummary) -> [String: JSONValue] {
        var observed: [String: JSONValue] = [:]
        if let replicas = target.replicas { observed["replicas"] = .int(Int64(replicas)) }
        if let hpa = target.autoscaler { observed["maxReplicas"] = .int(Int64(hpa.maxReplicas)) }
        return observed
    }

    /// A JSON Schema object for `spec`'s parameters.
    static func schema(of spec: ActionSpec) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for parameter in spec.parameters {
            var property = schema(of: parameter.type)
            property["description"] = .string(parameter.summary)
            properties[parameter.name] = .object(property)
        }
        let required = spec.parameters.filter(\.required).map { JSONValue.string($0.name) }
        return ["type": "object", "properties": .object(properties), "required": .array(required), "additionalProperties": false]
    }

    private static func schema(of type: ParameterType) -> [String: JSONValue] {
        switch type {
        case .integer(let range): ["type": "integer", "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound)]
        case .number(let range): ["type": "number", "minimum": .double(range.lowerBound), "maximum": .double(range.upperBound)]
        case .string(let maxLength): ["type": "string", "maxLength": .int(Int64(maxLength))]
        case .oneOf(let values): ["type": "string", "enum": .array(values.map(JSONValue.string))]
        case .quantity: ["type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$"]
        case .boolean: ["type": "boolean"]
        }
    }
}
