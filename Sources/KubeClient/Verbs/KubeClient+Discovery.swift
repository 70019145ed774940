import KubeTypes
import NIOCore

/// The API server's `/version`.
public struct ServerVersion: Sendable, Hashable, Decodable {
    public var major: String
    public var minor: String
    public var gitVersion: String
    public var platform: String?

    /// The minor version as a number (`"20+"` is 20); `nil` when unparseable.
    public var minorNumber: Int? { Int(minor.prefix { $0.isNumber }) }
}

/// `/apis/<group>`: the versions a group serves.
struct APIGroupDocument: Decodable {
    struct Version: Decodable {
        var groupVersion: String
        var version: String
    }

    var name: String
    var versions: [Version]
    var preferredVersion: Version?
}

/// `/apis/<group>/<version>` (or `/api/v1`): the resources a group version serves.
struct APIResourceListDocument: Decodable {
    struct Resource: Decodable {
        var name: String
        var kind: String
        var namespaced: Bool
    }

    var resources: [Resource]
}

extension KubeClient {
    /// The body of a GET of a non-resource `path` as text, e.g. `/metrics` in the Prometheus
    /// text format (what `kubectl get --raw` prints).
    /// - Throws: ``KubeError`` (a 403 when the credentials may not read the path).
    public func raw(_ path: String) async throws(KubeError) -> String {
        var request = APIRequest(method: .GET, path: path)
        request.accept = "text/plain, */*"
        return String(buffer: try await perform(request).body)
    }

    /// The API server's version (`/version`).
    /// - Throws: ``KubeError``.
    public func serverVersion() async throws(KubeError) -> ServerVersion {
        let request = APIRequest(method: .GET, path: "/version")
        return try await decode(ServerVersion.self, from: perform(request).body, request: request)
    }

    /// The version the server prefers for an API group (e.g. `v2beta2` for `autoscaling` on
    /// 1.20), or `nil` when the group is not served. The core group (`""`) is always `v1`.
    /// - Throws: ``KubeError`` other than `.notFound`.
    public func preferredVersion(group: String) async throws(KubeError) -> String? {
        guard !group.isEmpty else { return "v1" }
        let request = APIRequest(method: .GET, path: "/apis/\(group)")
        do throws(KubeError) {
            let document = try await decode(APIGroupDocument.self, from: perform(request).body, request: request)
            return document.preferredVersion?.version ?? document.versions.first?.version
        } catch where error.code == .notFound {
            return nil
        }
    }

    /// The descriptor of `plural` in `group`/`version` as the server describes it (kind and
    /// scope included), or `nil` when the server does not serve it.
    /// - Throws: ``KubeError`` other than `.notFound`.
    public func discoverResource(group: String, version: String, plural: String) async throws(KubeError) -> ResourceDescriptor? {
        let path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        let request = APIRequest(method: .GET, path: path)
        let document: APIResourceListDocument
        do throws(KubeError) {
            document = try await decode(APIResourceListDocument.self, from: perform(request).body, request: request)
        } catch where error.code == .notFound {
            return nil
        }
        guard let resource = document.resources.first(where: { $0.name == plural }) else { return nil }
        return ResourceDescriptor(
            group: group, version: version, plural: plural, kind: resource.kind, namespaced: resource.namespaced)
    }

    /// Whether the server serves `plural` in `group`/`version` (e.g. `autoscaling/v2`
    /// `horizontalpodautoscalers`).
    /// - Throws: ``KubeError`` other than `.notFound`.
    public func resourceExists(group: String, version: String, plural: String) async throws(KubeError) -> Bool {
        try await discoverResource(group: group, version: version, plural: plural) != nil
    }
}
