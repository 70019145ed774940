import BallastAPI
import KubeClient
import KubeTypes

/// Plans `rollback_deployment` exactly as `kubectl rollout undo` does: among the ReplicaSets the
/// Deployment controls (controller ownerReference uid), pick `toRevision` or else the newest
/// revision before the current one, and copy its pod template into the Deployment without the
/// `pod-template-hash` label. The deployment controller then reuses that ReplicaSet and gives it
/// the next revision number.
///
/// Unlike kubectl, the Deployment's own annotations are kept (kubectl replaces them with the
/// ReplicaSet's); only the template changes, plus Ballast's stamp.
enum RollbackPlanner {
    /// `deployment.kubernetes.io/revision`.
    static let revisionKey = "deployment.kubernetes.io/revision"
    /// The label the deployment controller adds to each ReplicaSet's template.
    static let hashLabel = "pod-template-hash"

    /// - Parameters:
    ///   - input: The action input (target: the Deployment; optional `toRevision`).
    ///   - replicaSets: ReplicaSets in the Deployment's namespace (others are filtered out).
    static func plan(_ input: PlanningInput, replicaSets: [UnstructuredObject]) -> PlanDecision {
        if let paused = input.pausedRefusal(before: "rolling back") { return .refuse(paused) }
        let history = owned(replicaSets, by: input.target).sorted { $0.revision < $1.revision }
        guard let current = history.last else {
            return .refuse(Refusal(.noPreviousRevision, "\(input.targetDescription) has no ReplicaSet revisions yet"))
        }
        let chosen: Revision
        if let wanted = input.integer("toRevision") {
            guard let match = history.first(where: { $0.revision == wanted }) else {
                let known = history.map { String($0.revision) }.joined(separator: ", ")
                return .refuse(Refusal(.revisionNotFound, "\(input.targetDescription) has no revision \(wanted) (known: \(known))"))
            }
            chosen = match
        } else {
            guard let previous = history.dropLast().last else {
                return .refuse(Refusal(
                    .noPreviousRevision, "\(input.targetDescription) has only revision \(current.revision); nothing to roll back to"))
            }
            chosen = previous
        }
        let currentTemplate = input.field(["spec", "template"]) ?? .null
        guard currentTemplate != chosen.template else {
            return .refuse(Refusal(
                .nothingToDo, "\(input.targetDescription) already runs the template of revision \(chosen.revision)"))
        }
        let changes = [FieldChange(
            path: "spec.template", from: .string("revision \(current.revision)"),
            to: .string("revision \(chosen.revision) (ReplicaSet \(chosen.name))"))]
            + ContainerImages.changes(from: currentTemplate, to: chosen.template)
        let patch = GuardedPatch.json(
            [JSONPatchOperation(op: .replace, path: "/spec/template", value: chosen.template)],
            target: input.target, resource: input.resource, record: input.record(changes))
        return .execute(ExecutionPlan(
            operations: [.patch(patch)], changes: changes,
            before: ["revision": .int(current.revision), "images": ContainerImages.of(currentTemplate)],
            after: ["revision": .int(chosen.revision), "images": ContainerImages.of(chosen.template)],
            summary: "rollback from revision \(current.revision) to revision \(chosen.revision)"))
    }

    /// One ReplicaSet of the Deployment's history.
    struct Revision {
        var name: String
        var revision: Int64
        /// The pod template without the `pod-template-hash` label.
        var template: JSONValue
    }

    /// The ReplicaSets whose controller is `deployment` (by uid), with a parseable revision.
    static func owned(_ replicaSets: [UnstructuredObject], by deployment: UnstructuredObject) -> [Revision] {
        replicaSets.compactMap { replicaSet in
            guard let owner = replicaSet.metadata.controllerReference, owner.uid == deployment.metadata.uid,
                let text = replicaSet.metadata.annotations?[revisionKey], let revision = Int64(text),
                let template = replicaSet["spec"]?["template"]
            else { return nil }
            return Revision(name: replicaSet.metadata.name ?? "", revision: revision, template: withoutHashLabel(template))
        }
    }

    private static func withoutHashLabel(_ template: JSONValue) -> JSONValue {
        guard var object = template.objectValue, var metadata = object["metadata"]?.objectValue,
            var labels = metadata["labels"]?.objectValue
        else { return template }
        labels[hashLabel] = nil
        metadata["labels"] = .object(labels)
        object["metadata"] = .object(metadata)
        return .object(object)
    }
}
