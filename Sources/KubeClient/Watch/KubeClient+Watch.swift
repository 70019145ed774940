import KubeTypes
import NIOHTTP1

extension KubeClient {
    /// Watches a resource and returns its events as they happen.
    ///
    /// Connection setup errors are thrown here (a 410 for a too-old `resourceVersion` is
    /// `.expired`, like the `ERROR` event a server may send instead once the stream has
    /// started). The stream is bounded: the server ends it after `options.timeoutSeconds`, and
    /// the client abandons a connection that is silent for that long plus
    /// ``WatchOptions/idleGrace`` (one hour plus the grace when no timeout is given).
    /// - Parameters:
    ///   - namespace: The namespace; `nil` watches all namespaces (or a cluster-scoped
    ///     resource).
    ///   - options: Selectors, starting resourceVersion, bookmarks, timeout.
    /// - Returns: The event stream; iterate it once.
    /// - Throws: ``KubeError``.
    public func watch<T: KubernetesObject>(
        _ type: T.Type = T.self, _ resource: ResourceDescriptor, namespace: String? = nil,
        options: WatchOptions = WatchOptions()
    ) async throws(KubeError) -> WatchStream<T> {
        var request = APIRequest(method: .GET, path: resource.collectionPath(namespace: namespace))
        options.apply(to: &request)
        let serverTimeout: Duration = options.timeoutSeconds.map { .seconds($0) } ?? .seconds(3600)
        let deadline = ContinuousClock.now + serverTimeout + WatchOptions.idleGrace
        let response = try await execute(request, on: watcher)
        return WatchStream(body: response.body, deadline: deadline, verb: "WATCH", path: request.pathAndQuery)
    }
}
