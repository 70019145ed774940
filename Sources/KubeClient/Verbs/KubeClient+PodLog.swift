import KubeTypes
import NIOCore

/// What part of a container's log to read (`GET pods/<name>/log`); every field bounds the answer.
public struct PodLogOptions: Sendable, Hashable {
    /// The container; required by the server when the pod has more than one.
    public var container: String?
    /// Only the last this many lines.
    public var tailLines: Int?
    /// At most this many bytes (the server cuts the log there).
    public var limitBytes: Int?
    /// Only lines logged within this many seconds.
    public var sinceSeconds: Int?
    /// The previous (terminated) instance of the container, e.g. before a crash.
    public var previous: Bool

    /// Creates options; the defaults read the last 100 lines, at most 64 KiB.
    public init(
        container: String? = nil, tailLines: Int? = 100, limitBytes: Int? = 64 * 1024,
        sinceSeconds: Int? = nil, previous: Bool = false
    ) {
        self.container = container
        self.tailLines = tailLines
        self.limitBytes = limitBytes
        self.sinceSeconds = sinceSeconds
        self.previous = previous
    }

    /// The request for the log of pod `name` in `namespace`.
    func request(name: String, namespace: String) -> APIRequest {
        var request = APIRequest(
            method: .GET, path: ResourceDescriptor.pods.objectPath(namespace: namespace, name: name, subresource: "log"))
        request.add("container", container)
        request.add("tailLines", tailLines.map(String.init))
        request.add("limitBytes", limitBytes.map(String.init))
        request.add("sinceSeconds", sinceSeconds.map(String.init))
        if previous { request.add("previous", "true") }
        // The log is plain text, but the server refuses `Accept: text/plain` (406) and uses JSON
        // for its errors; kubectl's header works for both.
        request.accept = "application/json, */*"
        return request
    }
}

extension KubeClient {
    /// Reads a container's log as text, bounded by `options` (and by the client's maximum body
    /// size).
    ///
    /// Needs `get` on `pods/log`. Invalid UTF-8 is replaced, never fatal.
    /// - Returns: The log text, oldest line first; empty when the container has logged nothing
    ///   (the server answers 204 for a pod not yet on a node).
    /// - Throws: ``KubeError``: `.notFound` for a missing pod, `.badRequest` when the server
    ///   cannot serve the log (an unknown container, or a pod not yet on a node), `.forbidden`.
    public func podLog(
        _ name: String, namespace: String, options: PodLogOptions = PodLogOptions()
    ) async throws(KubeError) -> String {
        let response = try await perform(options.request(name: name, namespace: namespace))
        return String(decoding: response.body.readableBytesView, as: UTF8.self)
    }
}
