import BallastAPI
import KubeTypes

/// Plans `expand_pvc`: grow `spec.resources.requests.storage` to `size`, or by `factor` (rounded
/// up to whole GiB from 1 GiB on, MiB below), when the claim's StorageClass has
/// `allowVolumeExpansion: true`, never shrinking and never above the policy's `maxSize`.
///
/// Expansion cannot be undone, so every doubt refuses: no StorageClass, expansion not allowed,
/// a size that is not larger.
enum VolumeExpansionPlanner {
    /// - Parameters:
    ///   - input: The action input (target: the claim).
    ///   - storageClass: The claim's StorageClass, or `nil` when it has none or it does not exist.
    static func plan(_ input: PlanningInput, storageClass: StorageClassFacts?) -> PlanDecision {
        guard let storageClass else {
            let name = input.field(["spec", "storageClassName"])?.stringValue ?? "(none)"
            return .refuse(Refusal(
                .storageClassNotExpandable, "\(input.targetDescription) has StorageClass \(name), which does not exist"))
        }
        guard storageClass.allowVolumeExpansion else {
            return .refuse(Refusal(
                .storageClassNotExpandable,
                "StorageClass '\(storageClass.name)' of \(input.targetDescription) does not set allowVolumeExpansion: true"))
        }
        guard let current = input.field(["spec", "resources", "requests", "storage"]).flatMap(Quantity.init(json:)) else {
            return .refuse(Refusal(.invalidParameters, "\(input.targetDescription) has no spec.resources.requests.storage"))
        }
        let desired: Quantity
        if let size = input.quantity("size") {
            desired = size
        } else if let factor = input.number("factor") {
            desired = scaled(current, by: factor)
        } else {
            return .refuse(Refusal(.invalidParameters, "expand_pvc needs 'size' or 'factor'"))
        }
        guard desired > current else {
            return .refuse(Refusal(
                .sizeWouldShrink, "\(input.targetDescription) requests \(current.text); \(desired.text) is not larger (claims only grow)"))
        }
        if let bound = input.quantityLimit("maxSize"), desired > bound {
            return .refuse(Refusal(.exceedsLimit, "\(desired.text) exceeds the policy limit maxSize \(bound.text)"))
        }
        let changes = [FieldChange(path: "spec.resources.requests.storage", from: .string(current.text), to: .string(desired.text))]
        let patch = GuardedPatch.merge(
            ["spec": ["resources": ["requests": ["storage": .string(desired.text)]]]], target: input.target,
            resource: input.resource, record: input.record(changes))
        return .execute(ExecutionPlan(
            operations: [.patch(patch)], changes: changes, before: ["storage": .string(current.text)],
            after: ["storage": .string(desired.text)], summary: "storage request \(current.text) -> \(desired.text)"))
    }

    /// `value × factor` rounded up to whole GiB (whole MiB when under 1 GiB).
    static func scaled(_ value: Quantity, by factor: Double) -> Quantity {
        let bytes = Double(value.milliValue) / 1000 * factor
        let unit = bytes >= 1_073_741_824 ? 1_073_741_824.0 : 1_048_576.0
        return Quantity(bytes: Int64((bytes / unit).rounded(.up) * unit))
    }
}

/// The two facts about a StorageClass the planner needs.
struct StorageClassFacts: Sendable, Hashable {
    var name: String
    var allowVolumeExpansion: Bool
}
