import KubeClient
import KubeTypes

/// Builds patches of a plan's target that (1) only apply to the exact version that was read and
/// (2) stamp the ``AppliedRecord`` in the same write.
///
/// The guard is the read `metadata.resourceVersion` written into the patched object: the API
/// server then treats it as a precondition and answers 409 Conflict when the object changed in
/// between (client-go's optimistic-lock merge patches work the same way), so a concurrent change
/// is never overwritten.
enum GuardedPatch {
    /// A JSON merge patch (RFC 7386) of `body` with guard and stamp added under `metadata`.
    static func merge(
        _ body: [String: JSONValue], target: UnstructuredObject, resource: ResourceDescriptor, record: AppliedRecord
    ) -> PatchRequest {
        request(.merge(.object(guarded(body, target: target, record: record))), target: target, resource: resource)
    }

    /// A strategic merge patch (lists merge by key, e.g. containers by `name`) with guard and stamp.
    static func strategic(
        _ body: [String: JSONValue], target: UnstructuredObject, resource: ResourceDescriptor, record: AppliedRecord
    ) -> PatchRequest {
        request(.strategicMerge(.object(guarded(body, target: target, record: record))), target: target, resource: resource)
    }

    /// A JSON patch (RFC 6902) of `operations` followed by the guard and the stamp.
    static func json(
        _ operations: [JSONPatchOperation], target: UnstructuredObject, resource: ResourceDescriptor, record: AppliedRecord
    ) -> PatchRequest {
        var all = operations
        all.append(JSONPatchOperation(
            op: .replace, path: "/metadata/resourceVersion", value: .string(target.metadata.resourceVersion ?? "")))
        if target.metadata.annotations == nil {
            all.append(JSONPatchOperation(
                op: .add, path: "/metadata/annotations", value: .object(record.annotations.mapValues(JSONValue.string))))
        } else {
            for (key, value) in record.annotations.sorted(by: { $0.key < $1.key }) {
                all.append(JSONPatchOperation(
                    op: .add, path: "/metadata/annotations/\(JSONPatchOperation.escape(key))", value: .string(value)))
            }
        }
        return request(.json(all), target: target, resource: resource)
    }

    private static func guarded(
        _ body: [String: JSONValue], target: UnstructuredObject, record: AppliedRecord
    ) -> [String: JSONValue] {
        var result = body
        var metadata = body["metadata"]?.objectValue ?? [:]
        metadata["resourceVersion"] = .string(target.metadata.resourceVersion ?? "")
        var annotations = metadata["annotations"]?.objectValue ?? [:]
        for (key, value) in record.annotations { annotations[key] = .string(value) }
        metadata["annotations"] = .object(annotations)
        result["metadata"] = .object(metadata)
        return result
    }

    private static func request(_ patch: Patch, target: UnstructuredObject, resource: ResourceDescriptor) -> PatchRequest {
        PatchRequest(
            resource: resource, namespace: resource.namespaced ? target.metadata.namespace : nil,
            name: target.metadata.name ?? "", patch: patch)
    }
}
