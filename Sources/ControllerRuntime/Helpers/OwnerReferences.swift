import KubeTypes

/// Why an owner reference cannot be set.
public struct OwnerReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming both objects.
    public let description: String
}

extension OwnerReference {
    /// A controller reference to the object with `metadata` of `kind` in `apiVersion`
    /// (`controller: true`, `blockOwnerDeletion: true`), as `SetControllerReference` makes.
    /// - Throws: ``OwnerReferenceError`` when the owner has no name or uid yet (not created).
    public static func controller(apiVersion: String, kind: String, metadata: ObjectMeta) throws(OwnerReferenceError) -> OwnerReference {
        guard let name = metadata.name, let uid = metadata.uid, !name.isEmpty, !uid.isEmpty else {
            throw OwnerReferenceError(description: "\(kind) '\(metadata.name ?? "")' has no name or uid yet: create it before owning objects")
        }
        return OwnerReference(apiVersion: apiVersion, kind: kind, name: name, uid: uid, controller: true, blockOwnerDeletion: true)
    }
}

extension ObjectMeta {
    /// Whether the object with `uid` is this object's controller.
    public func isControlled(byUID uid: String) -> Bool {
        controllerReference?.uid == uid
    }

    /// Makes `owner` this object's controller reference (replacing a reference to the same uid).
    /// - Throws: ``OwnerReferenceError`` when a different object already controls this one, or
    ///   when the owner lives in another namespace (Kubernetes garbage-collects such dependents).
    public mutating func setControllerReference(_ owner: OwnerReference, ownerNamespace: String?) throws(OwnerReferenceError) {
        if let existing = controllerReference, existing.uid != owner.uid {
            throw OwnerReferenceError(description:
                "\(name ?? "object") is already controlled by \(existing.kind) '\(existing.name)'; refusing to add \(owner.kind) '\(owner.name)'")
        }
        if let ownerNamespace, !ownerNamespace.isEmpty, ownerNamespace != namespace {
            throw OwnerReferenceError(description:
                "\(owner.kind) '\(owner.name)' in namespace \(ownerNamespace) cannot own \(name ?? "object") in namespace \(namespace ?? "<cluster>")")
        }
        var references = (ownerReferences ?? []).filter { $0.uid != owner.uid }
        references.append(owner)
        ownerReferences = references
    }
}
