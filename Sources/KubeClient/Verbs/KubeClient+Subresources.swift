import KubeTypes
import NIOHTTP1

extension KubeClient {
    /// Reads an object through its `/status` subresource.
    /// - Throws: ``KubeError`` (`.notFound`; `.notFound` too when the CRD has no status
    ///   subresource).
    public func getStatus<T: KubernetesObject>(
        _ type: T.Type = T.self, _ resource: ResourceDescriptor, name: String, namespace: String? = nil
    ) async throws(KubeError) -> T {
        try await read(type, resource, name: name, namespace: namespace, subresource: "status")
    }

    /// Replaces the status of `object` (PUT `/status`), guarded by its resourceVersion. Only
    /// `status` changes; with a status subresource, `metadata.generation` does not move.
    /// - Throws: ``KubeError`` (`.conflict` on a stale resourceVersion).
    @discardableResult
    public func updateStatus<T: KubernetesObject>(
        _ object: T, _ resource: ResourceDescriptor, dryRun: Bool = false, fieldManager: String? = nil
    ) async throws(KubeError) -> T {
        try await replace(object, resource, subresource: "status", dryRun: dryRun, fieldManager: fieldManager)
    }

    /// Replaces the status of `object` like ``updateStatus(_:_:dryRun:fieldManager:)`` and
    /// returns only the metadata the server answered (the new resourceVersion above all),
    /// without decoding the rest of the answer: for a writer that keeps the object it sent
    /// and knows the server stores that status unchanged (a CRD status with no defaults).
    /// - Throws: ``KubeError`` (`.conflict` on a stale resourceVersion).
    public func updateStatusMetadata<T: KubernetesObject>(
        _ object: T, _ resource: ResourceDescriptor, fieldManager: String? = nil
    ) async throws(KubeError) -> ObjectMeta {
        try await replace(
            object, resource, subresource: "status", dryRun: false, fieldManager: fieldManager, answer: MetadataAnswer.self
        ).metadata
    }

    /// Patches the status of an object (PATCH `/status`).
    /// - Throws: ``KubeError``.
    @discardableResult
    public func patchStatus<T: KubernetesObject>(
        _ type: T.Type = T.self, _ resource: ResourceDescriptor, name: String, namespace: String? = nil,
        _ patch: Patch, dryRun: Bool = false, fieldManager: String? = nil
    ) async throws(KubeError) -> T {
        try await self.patch(type, resource, name: name, namespace: namespace, subresource: "status", patch, dryRun: dryRun, fieldManager: fieldManager)
    }

    /// Evicts a pod through its `eviction` subresource, which honours PodDisruptionBudgets.
    /// - Parameters:
    ///   - podName: The pod.
    ///   - namespace: Its namespace.
    ///   - apiVersion: `policy/v1beta1` on Kubernetes < 1.22 (the default, for this 1.20
    ///     control plane), `policy/v1` on newer clusters; see ``preferredVersion(group:)``.
    ///   - deleteOptions: Grace period and preconditions of the resulting delete.
    ///   - dryRun: Check the eviction (PDBs included) without deleting.
    /// - Throws: ``KubeError``: `.tooManyRequests` when a PodDisruptionBudget forbids it now
    ///   (see ``KubeError/retryAfter``), `.notFound` when the pod does not exist.
    public func evict(
        podName: String, namespace: String, apiVersion: EvictionAPIVersion = .policyV1beta1,
        deleteOptions: DeleteOptions? = nil, dryRun: Bool = false
    ) async throws(KubeError) {
        let path = try objectPath(.pods, name: podName, namespace: namespace, subresource: "eviction")
        var options = deleteOptions ?? DeleteOptions()
        options.dryRun = options.dryRun || dryRun
        let eviction = Eviction(
            apiVersion: apiVersion.rawValue, metadata: ObjectMeta(name: podName, namespace: namespace),
            deleteOptions: options)
        var request = APIRequest(method: .POST, path: path)
        request.body = try encode(eviction, for: path)
        request.addDryRun(dryRun)
        _ = try await perform(request)
    }
}

/// The API version of the `Eviction` body: which one a cluster serves depends on its version.
public enum EvictionAPIVersion: String, Sendable, Hashable, CaseIterable {
    /// Kubernetes 1.5–1.24 (removed in 1.25).
    case policyV1beta1 = "policy/v1beta1"
    /// Kubernetes 1.22 and later.
    case policyV1 = "policy/v1"
}

/// The body of an eviction request.
struct Eviction: Encodable {
    var kind = "Eviction"
    var apiVersion: String
    var metadata: ObjectMeta
    var deleteOptions: DeleteOptions

    init(apiVersion: String, metadata: ObjectMeta, deleteOptions: DeleteOptions) {
        self.apiVersion = apiVersion
        self.metadata = metadata
        self.deleteOptions = deleteOptions
    }
}

/// An answer decoded for its `metadata` only (the other fields are skipped, not decoded).
struct MetadataAnswer: Decodable {
    var metadata: ObjectMeta
}
