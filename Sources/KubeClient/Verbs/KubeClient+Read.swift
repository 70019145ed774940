import KubeTypes
import NIOHTTP1

extension KubeClient {
    /// Reads one object.
    /// - Parameters:
    ///   - type: The model to decode into (``UnstructuredObject`` for any resource).
    ///   - resource: The resource the object belongs to.
    ///   - name: The object's name.
    ///   - namespace: Its namespace; ignored for cluster-scoped resources.
    /// - Returns: The object as the API server stores it now.
    /// - Throws: ``KubeError`` (`.notFound` when there is no such object).
    public func get<T: KubernetesObject>(
        _ type: T.Type = T.self, _ resource: ResourceDescriptor, name: String, namespace: String? = nil
    ) async throws(KubeError) -> T {
        try await read(type, resource, name: name, namespace: namespace, subresource: nil)
    }

    /// Lists one page of objects (all of them when `options.limit` is `nil`).
    /// - Parameters:
    ///   - namespace: The namespace; `nil` lists across all namespaces (or a cluster-scoped
    ///     resource).
    ///   - options: Selectors, page size and `continue` token.
    /// - Returns: The objects and the list metadata (`resourceVersion`, `continue`).
    /// - Throws: ``KubeError``; `.expired` when a `continue` token has expired.
    public func list<T: KubernetesObject>(
        _ type: T.Type = T.self, _ resource: ResourceDescriptor, namespace: String? = nil,
        options: ListOptions = ListOptions()
    ) async throws(KubeError) -> ObjectList<T> {
        var request = APIRequest(method: .GET, path: resource.collectionPath(namespace: namespace))
        options.apply(to: &request)
        let response = try await perform(request)
        return try decode(ObjectList<T>.self, from: response.body, request: request)
    }

    /// Lists every object, following `continue` tokens page by page.
    ///
    /// The result's `metadata.resourceVersion` is the first page's (the snapshot all pages
    /// belong to), so a watch can start from it.
    /// - Parameter pageSize: Objects per request (`limit`).
    /// - Throws: ``KubeError``; `.expired` when the snapshot expired between pages (relist).
    public func listAll<T: KubernetesObject>(
        _ type: T.Type = T.self, _ resource: ResourceDescriptor, namespace: String? = nil,
        options: ListOptions = ListOptions(), pageSize: Int = 500
    ) async throws(KubeError) -> ObjectList<T> {
        var pageOptions = options
        pageOptions.limit = pageSize
        var first = try await list(type, resource, namespace: namespace, options: pageOptions)
        var next = first.metadata.continue
        while let token = next, !token.isEmpty {
            pageOptions.continueToken = token
            let page = try await list(type, resource, namespace: namespace, options: pageOptions)
            first.items.append(contentsOf: page.items)
            next = page.metadata.continue
        }
        first.metadata.continue = nil
        first.metadata.remainingItemCount = nil
        return first
    }

    /// GET of an object or one of its subresources.
    func read<T: Decodable>(
        _ type: T.Type, _ resource: ResourceDescriptor, name: String, namespace: String?, subresource: String?
    ) async throws(KubeError) -> T {
        let path = try objectPath(resource, name: name, namespace: namespace, subresource: subresource)
        let request = APIRequest(method: .GET, path: path)
        let response = try await perform(request)
        return try decode(T.self, from: response.body, request: request)
    }

    /// The path of a named object, refusing an empty name (which would address the collection).
    func objectPath(
        _ resource: ResourceDescriptor, name: String, namespace: String?, subresource: String? = nil
    ) throws(KubeError) -> String {
        guard !name.isEmpty else {
            throw KubeError.configuration("a \(resource.kind) name is required", path: resource.collectionPath(namespace: namespace))
        }
        if resource.namespaced, namespace?.isEmpty ?? true {
            throw KubeError.configuration(
                "\(resource.kind) '\(name)' is namespaced: a namespace is required",
                path: resource.collectionPath(namespace: nil))
        }
        return resource.objectPath(namespace: namespace, name: name, subresource: subresource)
    }
}
