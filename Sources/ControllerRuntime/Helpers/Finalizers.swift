import KubeClient
import KubeTypes

/// Adding and removing finalizers safely: each write carries the resourceVersion the caller
/// read, so if the object changed meanwhile the server answers 409 `Conflict` and nothing is
/// written (retry from a fresh read). Lists are written whole by merge patch, which also keeps
/// every other field of typed built-ins intact.
public enum Finalizers {
    /// The object's finalizers with `finalizer` added; `nil` when it is already there.
    public static func adding(_ finalizer: String, to metadata: ObjectMeta) -> [String]? {
        let current = metadata.finalizers ?? []
        return current.contains(finalizer) ? nil : current + [finalizer]
    }

    /// The object's finalizers without `finalizer`; `nil` when it is absent.
    public static func removing(_ finalizer: String, from metadata: ObjectMeta) -> [String]? {
        let current = metadata.finalizers ?? []
        return current.contains(finalizer) ? current.filter { $0 != finalizer } : nil
    }

    /// Adds `finalizer` to `object` unless present. - Returns: the object as stored afterwards.
    /// - Throws: ``KubeError`` (`.conflict` when `object` is stale).
    public static func add<T: KubernetesObject>(
        _ finalizer: String, to object: T, _ resource: ResourceDescriptor, client: KubeClient
    ) async throws(KubeError) -> T {
        guard let finalizers = adding(finalizer, to: object.metadata) else { return object }
        return try await write(finalizers, to: object, resource, client: client)
    }

    /// Removes `finalizer` from `object` if present. - Returns: the object as stored afterwards.
    /// - Throws: ``KubeError`` (`.conflict` when `object` is stale).
    public static func remove<T: KubernetesObject>(
        _ finalizer: String, from object: T, _ resource: ResourceDescriptor, client: KubeClient
    ) async throws(KubeError) -> T {
        guard let finalizers = removing(finalizer, from: object.metadata) else { return object }
        return try await write(finalizers, to: object, resource, client: client)
    }

    private static func write<T: KubernetesObject>(
        _ finalizers: [String], to object: T, _ resource: ResourceDescriptor, client: KubeClient
    ) async throws(KubeError) -> T {
        guard let name = object.metadata.name, let version = object.metadata.resourceVersion else {
            throw KubeError.configuration("\(resource.kind) has no name or resourceVersion: read it before changing its finalizers")
        }
        let patch: JSONValue = [
            "metadata": [
                "resourceVersion": .string(version),
                "finalizers": .array(finalizers.map { .string($0) }),
            ],
        ]
        return try await client.patch(T.self, resource, name: name, namespace: object.metadata.namespace, .merge(patch))
    }
}
