import KubeTypes
import NIOHTTP1

extension KubeClient {
    /// Creates `object` (POST).
    /// - Parameters:
    ///   - object: The object; `metadata.name` or `generateName` must be set.
    ///   - resource: Its resource.
    ///   - namespace: Overrides `object.metadata.namespace`.
    ///   - dryRun: Validate and admit on the server without persisting (`dryRun=All`).
    ///   - fieldManager: The manager recorded in `managedFields`.
    /// - Returns: The object as stored (with uid, resourceVersion, defaults).
    /// - Throws: ``KubeError`` (`.alreadyExists`, `.invalid` with field causes, `.forbidden`…).
    @discardableResult
    public func create<T: KubernetesObject>(
        _ object: T, _ resource: ResourceDescriptor, namespace: String? = nil, dryRun: Bool = false,
        fieldManager: String? = nil
    ) async throws(KubeError) -> T {
        let namespace = namespace ?? object.metadata.namespace
        if resource.namespaced, namespace?.isEmpty ?? true {
            throw KubeError.configuration("\(resource.kind) is namespaced: set metadata.namespace or pass a namespace")
        }
        var request = APIRequest(method: .POST, path: resource.collectionPath(namespace: namespace))
        request.body = try encode(object, for: request.path)
        request.addDryRun(dryRun)
        request.add("fieldManager", fieldManager)
        return try await decode(T.self, from: perform(request).body, request: request)
    }

    /// Replaces `object` (PUT), guarded by its `metadata.resourceVersion`: if the object
    /// changed since it was read, the server answers 409 and nothing is written.
    ///
    /// Only for custom resources and ``UnstructuredObject``s read whole: a typed built-in model
    /// lacks fields, and a PUT would erase them. Use ``patch(_:_:name:namespace:_:dryRun:fieldManager:)``.
    /// - Throws: ``KubeError`` (`.conflict` on a stale resourceVersion; `.configuration` when
    ///   the object has no name or no resourceVersion).
    @discardableResult
    public func update<T: KubernetesObject>(
        _ object: T, _ resource: ResourceDescriptor, dryRun: Bool = false, fieldManager: String? = nil
    ) async throws(KubeError) -> T {
        try await replace(object, resource, subresource: nil, dryRun: dryRun, fieldManager: fieldManager)
    }

    /// Patches an object with one of the ``Patch`` strategies.
    /// - Parameters:
    ///   - patch: The patch; `.apply` carries its own field manager.
    ///   - fieldManager: The manager recorded for merge, JSON and strategic patches.
    /// - Returns: The object after the patch.
    /// - Throws: ``KubeError`` (`.invalid` when a JSON patch `test` fails or the result is
    ///   invalid, `.conflict` for an apply conflict without `force`).
    @discardableResult
    public func patch<T: KubernetesObject>(
        _ type: T.Type = T.self, _ resource: ResourceDescriptor, name: String, namespace: String? = nil,
        _ patch: Patch, dryRun: Bool = false, fieldManager: String? = nil
    ) async throws(KubeError) -> T {
        try await self.patch(type, resource, name: name, namespace: namespace, subresource: nil, patch, dryRun: dryRun, fieldManager: fieldManager)
    }

    /// Deletes an object.
    /// - Parameter options: Propagation policy, uid/resourceVersion preconditions, grace
    ///   period and dry run.
    /// - Returns: What the server answered: a `Status`, or the object itself while it is still
    ///   being deleted (finalizers, graceful pod deletion).
    /// - Throws: ``KubeError`` (`.notFound`; `.conflict` when a precondition fails).
    @discardableResult
    public func delete(
        _ resource: ResourceDescriptor, name: String, namespace: String? = nil,
        options: DeleteOptions = DeleteOptions()
    ) async throws(KubeError) -> DeleteResult {
        var request = APIRequest(method: .DELETE, path: try objectPath(resource, name: name, namespace: namespace))
        request.body = try encode(options, for: request.path)
        let response = try await perform(request)
        let object = try decode(UnstructuredObject.self, from: response.body, request: request)
        if object.kind == "Status" {
            return .status(try decode(Status.self, from: response.body, request: request))
        }
        return .object(object)
    }

    /// PUT of an object or its subresource with the object's resourceVersion as precondition.
    func replace<T: KubernetesObject, Answer: Decodable>(
        _ object: T, _ resource: ResourceDescriptor, subresource: String?, dryRun: Bool, fieldManager: String?,
        answer: Answer.Type = T.self
    ) async throws(KubeError) -> Answer {
        let name = object.metadata.name ?? ""
        let path = try objectPath(resource, name: name, namespace: object.metadata.namespace, subresource: subresource)
        guard let version = object.metadata.resourceVersion, !version.isEmpty else {
            throw KubeError.configuration(
                "refusing to replace \(resource.kind) '\(name)' without metadata.resourceVersion (it would overwrite concurrent changes)",
                verb: "PUT", path: path)
        }
        var request = APIRequest(method: .PUT, path: path)
        request.body = try encode(object, for: path)
        request.addDryRun(dryRun)
        request.add("fieldManager", fieldManager)
        return try await decode(Answer.self, from: perform(request).body, request: request)
    }

    /// PATCH of an object or its subresource.
    func patch<T: Decodable>(
        _ type: T.Type, _ resource: ResourceDescriptor, name: String, namespace: String?, subresource: String?,
        _ patch: Patch, dryRun: Bool, fieldManager: String?
    ) async throws(KubeError) -> T {
        let path = try objectPath(resource, name: name, namespace: namespace, subresource: subresource)
        var request = APIRequest(method: .PATCH, path: path, contentType: patch.contentType)
        switch patch {
        case .merge(let body), .strategicMerge(let body):
            request.body = try encode(body, for: path)
            request.add("fieldManager", fieldManager)
        case .json(let operations):
            request.body = try encode(operations, for: path)
            request.add("fieldManager", fieldManager)
        case .apply(let body, let manager, let force):
            request.body = try encode(body, for: path)
            request.add("fieldManager", manager)
            request.add("force", force ? "true" : nil)
        }
        request.addDryRun(dryRun)
        return try await decode(T.self, from: perform(request).body, request: request)
    }
}

/// What the API server answered to a delete.
public enum DeleteResult: Sendable, Hashable {
    /// A `Status` (typically `Success`): the object is gone.
    case status(Status)
    /// The object itself: it still exists, e.g. waiting for finalizers or a grace period.
    case object(UnstructuredObject)
}
