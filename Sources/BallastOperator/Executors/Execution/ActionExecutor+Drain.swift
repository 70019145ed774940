import KubeClient
import KubeTypes

extension ActionExecutor {
    /// Waits up to `timeout` for evicted pods to disappear, as `kubectl drain` waits; a pod of
    /// the same name with another uid counts as gone (its controller already replaced it).
    /// Stops early when the task is cancelled.
    /// - Returns: `namespace/name` of the pods still present when time ran out, sorted.
    func podsStillPresent(_ evicted: [EvictionRequest], timeout: Duration) async -> [String] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var remaining = evicted
        while true {
            var present: [EvictionRequest] = []
            for request in remaining {
                do throws(KubeError) {
                    let pod = try await client.get(Pod.self, .pods, name: request.name, namespace: request.namespace)
                    if pod.metadata.uid == request.uid { present.append(request) }
                } catch {
                    if error.code != .notFound { present.append(request) }
                }
            }
            remaining = present
            if remaining.isEmpty || clock.now >= deadline || Task.isCancelled {
                return remaining.map(\.key.description).sorted()
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
    }
}
