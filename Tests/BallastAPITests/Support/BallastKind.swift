import BallastAPI
import KubeTypes
import Testing

/// The three custom resources of `ballast.dev/v1alpha1`, with what the contract tests need to
/// know about each: its CRD file, its REST names and its Swift model.
enum BallastKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case remediationRequest = "RemediationRequest"
    case actionHistory = "ActionHistory"
    case safetyPolicy = "SafetyPolicy"

    /// The resource as the models describe it (plural, scope).
    var resource: ResourceDescriptor {
        switch self {
        case .remediationRequest: return .remediationRequests
        case .actionHistory: return .actionHistories
        case .safetyPolicy: return .safetyPolicies
        }
    }

    /// The short name the CRD declares (`kubectl get rr`).
    var shortName: String {
        switch self {
        case .remediationRequest: return "rr"
        case .actionHistory: return "ah"
        case .safetyPolicy: return "sp"
        }
    }

    /// `crds/ballast.dev_<plural>.yaml`.
    var crdPath: String { "crds/ballast.dev_\(resource.plural).yaml" }

    /// `<plural>.ballast.dev`, the CRD's name and an unambiguous kubectl resource argument.
    var qualifiedResource: String { resource.description }

    var testDescription: String { rawValue }

    /// Decodes `object` with the Swift model and encodes it again: whatever the model does not
    /// carry is lost, so comparing the result with `object` shows model drift.
    func roundTripThroughModel(_ object: JSONValue) throws -> JSONValue {
        switch self {
        case .remediationRequest: return try JSONValue(encoding: object.decode(as: RemediationRequest.self))
        case .actionHistory: return try JSONValue(encoding: object.decode(as: ActionHistory.self))
        case .safetyPolicy: return try JSONValue(encoding: object.decode(as: SafetyPolicy.self))
        }
    }
}
